package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Reads a {@link ReproducibleRun @ReproducibleRun} class into a {@link PipelineDefinition}, or into every problem that
 * keeps it from being one. It only reflects on the class and reads its configuration: it never runs user code, since IDEs
 * call discovery on their own.
 */
@API(status = INTERNAL, since = "0.1")
public final class PipelineReader {

    /** Judges a step's declared return type; the artifact layer knows which types it can materialize. */
    @FunctionalInterface
    public interface OutputTypeCheck {
        /** Why outputs of this type cannot be compared, or empty where they can. */
        Optional<String> whyUnsupported(Type type);
    }

    private final int defaultRuns;
    private final OutputTypeCheck outputTypeCheck;
    private final ParamOverrides overrides;

    public PipelineReader(int defaultRuns, OutputTypeCheck outputTypeCheck) {
        this(defaultRuns, outputTypeCheck, ParamOverrides.NONE);
    }

    public PipelineReader(int defaultRuns, OutputTypeCheck outputTypeCheck, ParamOverrides overrides) {
        this.defaultRuns = defaultRuns;
        this.outputTypeCheck = requireNonNull(outputTypeCheck);
        this.overrides = requireNonNull(overrides);
    }

    /** Whether the class is meant as a pipeline: annotated, and a concrete class. */
    public static boolean isPipelineClass(Class<?> candidate) {
        return candidate.isAnnotationPresent(ReproducibleRun.class) && !candidate.isInterface()
                && !candidate.isAnnotation() && !Modifier.isAbstract(candidate.getModifiers())
                && !candidate.isAnonymousClass() && !candidate.isLocalClass();
    }

    /** The pipeline's name: {@code @ReproducibleRun(name)}, or the class's simple name. */
    public static String pipelineName(Class<?> pipelineClass) {
        String declared = pipelineClass.getAnnotation(ReproducibleRun.class).name().strip();
        return declared.isEmpty() ? pipelineClass.getSimpleName() : declared;
    }

    public PipelineReading read(Class<?> pipelineClass) {
        requireAnnotated(pipelineClass);
        return read(pipelineClass, stepMethods(pipelineClass), new PipelineProblems(pipelineClass, true));
    }

    /**
     * Reads the pipeline from the {@code @Step} methods that {@link #read(Class)} found in another JVM, by the same
     * rules, without finding them again: for a forked run, which the test JVM tells which methods its steps are. A
     * method that is no longer a {@code @Step} of the class is a problem; problems name no source line, since source
     * lines are read for discovery's messages alone.
     */
    public PipelineReading readSteps(Class<?> pipelineClass, List<Method> stepMethods) {
        requireAnnotated(pipelineClass);
        PipelineProblems problems = new PipelineProblems(pipelineClass, false);
        List<Method> steps = new ArrayList<>();
        for (Method method : stepMethods) {
            if (!method.isAnnotationPresent(Step.class)) {
                problems.add(method, method.getName() + "() is not annotated with @Step");
            } else if (!method.getDeclaringClass().isAssignableFrom(pipelineClass)) {
                problems.add(method, method.getDeclaringClass().getName() + "." + method.getName()
                        + "() is not a method of the class or of its superclasses");
            } else {
                steps.add(method);
            }
        }
        if (!problems.isEmpty()) {
            return new PipelineReading(null, problems.list());
        }
        return read(pipelineClass, steps, problems);
    }

    private static void requireAnnotated(Class<?> pipelineClass) {
        if (!pipelineClass.isAnnotationPresent(ReproducibleRun.class)) {
            throw new IllegalArgumentException(pipelineClass.getName() + " is not annotated with @ReproducibleRun");
        }
    }

    private PipelineReading read(Class<?> pipelineClass, List<Method> stepMethods, PipelineProblems problems) {
        ReproducibleRun annotation = pipelineClass.getAnnotation(ReproducibleRun.class);
        String name = pipelineName(pipelineClass);
        PipelineNames.whyNotAFileName(name).ifPresent(why -> problems.add(null, "its name '" + PipelineNames.shown(name)
                + "' cannot name its baseline file: " + why + ". Give it a name of letters, digits, '-', '_' and single"
                + " dots with @ReproducibleRun(name = \"...\")"));
        boolean configured = annotation.runs() == 0; // the annotation's default: as reprounit.runs says
        int runs = configured ? defaultRuns : annotation.runs();
        if (runs < 2) {
            problems.add(null, "runs = " + runs + ", but a check compares at least 2 runs; set @ReproducibleRun(runs = 2)"
                    + " or more" + (configured ? " (the value came from configuration parameter reprounit.runs)" : ""));
        }
        if (pipelineClass.isMemberClass() && !Modifier.isStatic(pipelineClass.getModifiers())) {
            problems.add(null, "an inner class cannot be created on its own; make it a static nested or top-level class");
        }
        PipelineConfig config = PipelineConfig.unreadable(); // until it is read: its error explains what is missing
        long seed = PipelineConfig.DEFAULT_SEED;
        try {
            config = PipelineConfig.load(pipelineClass, annotation.config());
            seed = config.seed();
        } catch (PipelineConfigException e) {
            problems.add(null, String.valueOf(e.getMessage()));
        }

        Map<String, StepDefinition> steps = new LinkedHashMap<>();
        List<UnusedConfigKeys.Missing> missing = new ArrayList<>();
        for (Method method : stepMethods) {
            String stepName = stepName(method);
            StepDefinition previous = steps.get(stepName);
            if (previous != null) {
                problems.add(method, "two steps are named '" + stepName + "': " + previous.method().getName() + "() and "
                        + method.getName() + "(); give one of them another name with @Step(\"...\")");
                continue;
            }
            steps.put(stepName, readStep(name, stepName, method, config, seed, missing, problems));
        }
        if (steps.isEmpty()) {
            problems.add(null, "it has no @Step methods; annotate the methods that compute the pipeline's steps");
        }
        checkInputs(steps, problems);
        UnusedOverrides.check(name, steps, overrides, problems);
        UnusedConfigKeys.check(config, steps, missing, problems);
        checkConstructor(pipelineClass, steps, problems);
        if (!problems.isEmpty()) {
            return new PipelineReading(null, problems.list());
        }
        Optional<List<StepDefinition>> ordered = Graph.order(steps);
        if (ordered.isEmpty()) {
            List<String> cycle = Graph.findCycle(steps);
            problems.add(java.util.Objects.requireNonNull(steps.get(cycle.get(0))).method(), "its steps form a cycle: " + String.join(" needs ", cycle)
                    + "; a step can only take the outputs of steps that do not need it");
            return new PipelineReading(null, problems.list());
        }
        return new PipelineReading(new PipelineDefinition(name, pipelineClass, runs, config, ordered.get(),
                annotation.baseline()), List.of());
    }

    private StepDefinition readStep(String pipelineName, String stepName, Method method, PipelineConfig config, long seed,
            List<UnusedConfigKeys.Missing> missing, PipelineProblems problems) {
        Type returned = method.getGenericReturnType();
        outputTypeCheck.whyUnsupported(returned).ifPresent(why ->
                problems.add(method, "step '" + stepName + "' returns " + returned.getTypeName() + ", which cannot be"
                        + " compared: " + why));
        List<StepArgument> arguments = new ArrayList<>();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            arguments.add(readArgument(pipelineName, stepName, method, parameters[i], i, config, seed, missing, problems));
        }
        return new StepDefinition(stepName, method, arguments, StepNormalizers.read(stepName, method, problems));
    }

    private StepArgument readArgument(String pipelineName, String stepName, Method method, Parameter parameter,
            int index, PipelineConfig config, long seed, List<UnusedConfigKeys.Missing> missing,
            PipelineProblems problems) {
        Input input = parameter.getAnnotation(Input.class);
        Param param = parameter.getAnnotation(Param.class);
        String described = "parameter " + (index + 1) + " (" + parameter.getParameterizedType().getTypeName() + ")";
        if (input != null && param != null) {
            problems.add(method, "step '" + stepName + "': " + described + " has both @Input and @Param; choose one");
        }
        if (input != null) {
            return new StepArgument.Upstream(input.value());
        }
        if (param != null) {
            return readParam(pipelineName, stepName, method, parameter, param.value(), described, config, missing, problems);
        }
        if (parameter.getType() == Random.class) {
            return new StepArgument.SeededRandom(Seeds.forStep(seed, stepName));
        }
        problems.add(method, "step '" + stepName + "': " + described + " has neither @Input nor @Param and is not a"
                + " java.util.Random; say where its value comes from");
        return new StepArgument.SeededRandom(0); // never used: the pipeline is not run
    }

    private StepArgument readParam(String pipelineName, String stepName, Method method, Parameter parameter,
            String key, String described, PipelineConfig config, List<UnusedConfigKeys.Missing> missing,
            PipelineProblems problems) {
        Type type = parameter.getParameterizedType();
        if (!ParamConverter.isSupported(type)) {
            problems.add(method, "step '" + stepName + "': @Param(\"" + key + "\") has type " + type.getTypeName()
                    + ", which configuration values cannot take; use a String, a number, a boolean, an enum, a Path,"
                    + " a Duration, or a List, Set or Map<String, ...> of these");
            return new StepArgument.Configured(key, new ConfigValue(key, tools.jackson.databind.node.MissingNode.getInstance(), -1), type);
        }
        Optional<ParamOverrides.Override> override = overrides.find(pipelineName, stepName, key);
        Optional<ConfigValue> value = override.isPresent() ? overridden(override.get(), method, problems)
                : config.value(stepName, key);
        if (value.isEmpty() && (override.isPresent() || !config.isReadable())) {
            // Its one problem is reported already: the override's, or the configuration's that could not be read.
            return new StepArgument.Configured(key, new ConfigValue(key, tools.jackson.databind.node.MissingNode.getInstance(), -1), type);
        }
        if (value.isEmpty()) {
            // Reported with the keys no step reads, one of which may be this key misspelt (UnusedConfigKeys).
            missing.add(new UnusedConfigKeys.Missing(stepName, key, method));
            return new StepArgument.Configured(key, new ConfigValue(key, tools.jackson.databind.node.MissingNode.getInstance(), -1), type);
        }
        ParamConverter.check(value.get().node(), type).ifPresent(why ->
                problems.add(method, config.where(value.get().path()) + value.get().path() + " cannot be given to step '"
                        + stepName + "' as " + described + ": " + Secrets.withoutSecrets(why, key, value.get().node())));
        return new StepArgument.Configured(key, value.get(), type);
    }

    private static Optional<ConfigValue> overridden(ParamOverrides.Override override, Method method,
            PipelineProblems problems) {
        try {
            return Optional.of(new ConfigValue(override.setting(),
                    PipelineConfig.parseValue(override.setting(), override.yaml()), -1, true));
        } catch (YamlFormatException e) {
            String key = override.setting().substring(override.setting().lastIndexOf('.') + 1);
            problems.add(method, Secrets.looksSecret(key)
                    ? override.setting() + " is not a valid YAML value (not shown: its name looks secret); quote it or fix it"
                    : Secrets.redact(override.setting() + " = '" + override.yaml() + "' is not a valid YAML value ("
                            + e.getMessage() + "); quote it or fix it"));
            return Optional.empty();
        }
    }

    private static void checkInputs(Map<String, StepDefinition> steps, PipelineProblems problems) {
        for (StepDefinition step : steps.values()) {
            Parameter[] parameters = step.method().getParameters();
            for (int i = 0; i < parameters.length; i++) {
                if (!(step.arguments().get(i) instanceof StepArgument.Upstream upstream)) {
                    continue;
                }
                StepDefinition producer = steps.get(upstream.step());
                if (producer == null) {
                    problems.add(step.method(), "step '" + step.name() + "' takes @Input(\"" + upstream.step()
                            + "\"), but there is no step named '" + upstream.step() + "'; the steps are "
                            + String.join(", ", steps.keySet()));
                } else if (producer == step) {
                    problems.add(step.method(), "step '" + step.name() + "' takes its own output as @Input");
                } else if (!assignable(parameters[i].getType(), producer.method().getReturnType())) {
                    problems.add(step.method(), "step '" + step.name() + "' takes @Input(\"" + upstream.step() + "\") as "
                            + parameters[i].getType().getName() + ", but step '" + producer.name() + "' returns "
                            + producer.method().getReturnType().getName());
                }
            }
        }
    }

    private static boolean assignable(Class<?> parameter, Class<?> returned) {
        return box(parameter).isAssignableFrom(box(returned)) || returned == Object.class;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    private static void checkConstructor(Class<?> pipelineClass, Map<String, StepDefinition> steps, PipelineProblems problems) {
        boolean needsInstance = steps.values().stream().anyMatch(step -> !step.isStatic());
        if (!needsInstance) {
            return;
        }
        try {
            pipelineClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            problems.add(null, "its steps are instance methods, so every run creates an instance, but it has no"
                    + " constructor without parameters; add one or make the steps static");
        }
    }

    /**
     * The {@code @Step} methods of the class and its superclasses, an overridden one only as its override (JUnit's
     * {@link AnnotationSupport} finds them as it finds Jupiter's methods): the class's own first, each class's in the
     * order of the source, so that steps and their problems read as the class does (reflection's order is undefined).
     * Methods without line numbers (compiled without them) come last in their class, by signature.
     */
    private static List<Method> stepMethods(Class<?> pipelineClass) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> type = pipelineClass; type != null; type = type.getSuperclass()) {
            hierarchy.add(type);
        }
        Map<Class<?>, SourceLines> lines = new HashMap<>();
        return AnnotationSupport.findAnnotatedMethods(pipelineClass, Step.class, HierarchyTraversalMode.BOTTOM_UP)
                .stream()
                .sorted(Comparator.<Method>comparingInt(method -> hierarchy.indexOf(method.getDeclaringClass()))
                        .thenComparingInt(method -> lines.computeIfAbsent(method.getDeclaringClass(), SourceLines::of)
                                .firstLine(method).orElse(Integer.MAX_VALUE))
                        .thenComparing(Method::toGenericString))
                .toList();
    }

    static String stepName(Method method) {
        String declared = method.getAnnotation(Step.class).value().strip();
        return declared.isEmpty() ? method.getName() : declared;
    }
}
