package io.reprounit.pipeline;

import io.reprounit.api.Param;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Every key of a pipeline's configuration must be used by some step, and every {@code @Param} must find a value. The two
 * are judged together, because a misspelt key is both at once: {@code learningrate: 0.05} leaves
 * {@code @Param("learningRate")} without a value and is itself read by no one. Such a pair is one problem, saying which
 * key was probably meant; a key no one reads and a value no one set are each reported too, with the nearest name where
 * one is close enough to be a slip (case, a letter or two).
 */
final class UnusedConfigKeys {

    private static final List<String> TOP_LEVEL = List.of("seed", "params", "steps");

    /** A {@code @Param} of a step that the configuration has no value for. */
    record Missing(String step, String key, Method method) {}

    /** A key that no step reads, by its dotted path; {@code section} is the path it sits in. */
    private record Unused(String section, String key) {
        String path() {
            return section.isEmpty() ? key : section + "." + key;
        }
    }

    private UnusedConfigKeys() {}

    static void check(PipelineConfig config, Map<String, StepDefinition> steps, List<Missing> missing,
            PipelineProblems problems) {
        List<Unused> unused = unused(config, steps);
        Map<String, List<Missing>> underMisspeltSection = new LinkedHashMap<>();
        Set<Unused> explained = new HashSet<>(); // a params key may be the slip of several steps' @Param: one each
        for (Missing param : missing) {
            Optional<Unused> meant = misspeltKey(param, unused);
            if (meant.isPresent()) {
                explained.add(meant.get());
                problems.add(param.method(), "step '" + param.step() + "': @Param(\"" + param.key() + "\") has no value,"
                        + " but " + config.where(meant.get().path()) + meant.get().path() + " is read by no step: did you"
                        + " mean " + param.key() + "? Keys must match the @Param's name exactly, case included");
                continue;
            }
            Optional<Unused> section = misspeltSection(param, config, unused);
            if (section.isPresent()) {
                underMisspeltSection.computeIfAbsent(section.get().path(), key -> new ArrayList<>()).add(param);
                continue;
            }
            problems.add(param.method(), "step '" + param.step() + "': @Param(\"" + param.key() + "\") has no value; set"
                    + " steps." + param.step() + "." + param.key() + " or params." + param.key() + config.resource()
                            .map(file -> " in " + file)
                            .orElse(" in the pipeline's configuration, " + param.method().getDeclaringClass().getSimpleName()
                                    + ".yaml beside the class (or name one with @ReproducibleRun(config))"));
        }
        for (Unused key : unused) {
            if (explained.contains(key)) {
                continue;
            }
            problems.add(method(key, steps), config.where(key.path()) + message(key, steps, underMisspeltSection));
        }
    }

    /** The keys no step reads, in file order. */
    private static List<Unused> unused(PipelineConfig config, Map<String, StepDefinition> steps) {
        Set<String> used = new HashSet<>();
        for (StepDefinition step : steps.values()) {
            for (StepArgument argument : step.arguments()) {
                if (argument instanceof StepArgument.Configured configured) {
                    used.add(configured.source().path());
                    if (configured.source().override() || configured.source().node().isMissingNode()) {
                        // An override shadows the file's value for one experiment, and a parameter of a type no value
                        // can take is reported as that: either way, the keys that would set it are the pipeline's.
                        used.add("steps." + step.name() + "." + configured.key());
                        used.add("params." + configured.key());
                    }
                }
            }
        }
        List<Unused> unused = new ArrayList<>();
        for (String key : config.keysUnder("")) {
            if (!TOP_LEVEL.contains(key)) {
                unused.add(new Unused("", key));
            }
        }
        for (String key : config.keysUnder("params")) {
            if (!used.contains("params." + key)) {
                unused.add(new Unused("params", key));
            }
        }
        for (String step : config.keysUnder("steps")) {
            if (!steps.containsKey(step)) {
                unused.add(new Unused("steps", step));
                continue;
            }
            for (String key : config.keysUnder("steps." + step)) {
                if (!used.contains("steps." + step + "." + key)) {
                    unused.add(new Unused("steps." + step, key));
                }
            }
        }
        return unused;
    }

    /** An unread key beside where the parameter's value belongs that is a slip for its name. */
    private static Optional<Unused> misspeltKey(Missing param, List<Unused> unused) {
        for (String section : List.of("steps." + param.step(), "params")) {
            List<Unused> candidates = unused.stream().filter(key -> key.section().equals(section)).toList();
            Optional<String> closest = NearMiss.closest(param.key(), candidates.stream().map(Unused::key).toList());
            if (closest.isPresent()) {
                return candidates.stream().filter(key -> key.key().equals(closest.get())).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * A key no step reads, under which the parameter's value sits, that is a slip for where it belongs: {@code step:} or
     * {@code param:} at the top, or a misspelt step's name under {@code steps}.
     */
    private static Optional<Unused> misspeltSection(Missing param, PipelineConfig config, List<Unused> unused) {
        for (Unused key : unused) {
            String holding = null;
            if (key.section().isEmpty()) {
                Optional<String> meant = NearMiss.closest(key.key(), List.of("steps", "params"));
                holding = meant.map(section -> section.equals("steps") ? key.key() + "." + param.step() : key.key())
                        .orElse(null);
            } else if (key.section().equals("steps")
                    && NearMiss.closest(key.key(), List.of(param.step())).isPresent()) {
                holding = key.path();
            }
            if (holding != null && config.keysUnder(holding).contains(param.key())) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String message(Unused key, Map<String, StepDefinition> steps,
            Map<String, List<Missing>> underMisspeltSection) {
        String stranded = stranded(underMisspeltSection.getOrDefault(key.path(), List.of()));
        if (key.section().isEmpty()) {
            return "unknown key '" + key.key() + "'" + suggestion(key.key(), TOP_LEVEL)
                    + "; the configuration has seed, params and steps" + stranded;
        }
        if (key.section().equals("params")) {
            return key.path() + " is used by no step: no step takes @Param(\"" + key.key() + "\") without its own"
                    + " steps.<step>." + key.key() + suggestion(key.key(), allParams(steps)) + "; remove it or use it";
        }
        if (key.section().equals("steps")) {
            return key.path() + " names no step" + suggestion(key.key(), steps.keySet()) + "; the steps are "
                    + String.join(", ", steps.keySet()) + stranded;
        }
        String step = key.section().substring("steps.".length());
        return key.path() + " is used by no step: step '" + step + "' has no @Param(\"" + key.key() + "\")"
                + suggestion(key.key(), params(java.util.Objects.requireNonNull(steps.get(step)))) + "; remove it or add the parameter";
    }

    /** What a misspelt section left without a value, for its message: each parameter once, in step order. */
    private static String stranded(List<Missing> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "; so " + String.join(", ", params.stream()
                .map(param -> "@Param(\"" + param.key() + "\") of step '" + param.step() + "'").toList())
                + (params.size() == 1 ? " has" : " have") + " no value";
    }

    private static String suggestion(String wrong, Set<String> names) {
        return NearMiss.closest(wrong, names).map(meant -> " (did you mean " + meant + "?)").orElse("");
    }

    private static String suggestion(String wrong, List<String> names) {
        return suggestion(wrong, new LinkedHashSet<>(names));
    }

    private static @Nullable Method method(Unused key, Map<String, StepDefinition> steps) {
        if (!key.section().startsWith("steps.")) {
            return null;
        }
        StepDefinition step = steps.get(key.section().substring("steps.".length()));
        return step == null ? null : step.method();
    }

    private static Set<String> params(StepDefinition step) {
        Set<String> keys = new TreeSet<>();
        for (Parameter parameter : step.method().getParameters()) {
            Param param = parameter.getAnnotation(Param.class);
            if (param != null) {
                keys.add(param.value());
            }
        }
        return keys;
    }

    private static Set<String> allParams(Map<String, StepDefinition> steps) {
        Set<String> keys = new TreeSet<>();
        steps.values().forEach(step -> keys.addAll(params(step)));
        return keys;
    }
}
