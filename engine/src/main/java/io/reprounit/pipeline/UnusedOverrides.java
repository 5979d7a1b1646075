package io.reprounit.pipeline;

import io.reprounit.api.Param;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every override given for a pipeline must name one of its parameters: one for a step it does not have, or a key no
 * step takes, would otherwise be ignored without a word, and the experiment it was meant for would not happen.
 */
final class UnusedOverrides {

    private UnusedOverrides() {}

    static void check(String pipeline, Map<String, StepDefinition> steps, ParamOverrides overrides,
            PipelineProblems problems) {
        Set<String> parameters = new TreeSet<>();
        for (StepDefinition step : steps.values()) {
            for (Parameter parameter : step.method().getParameters()) {
                Param param = parameter.getAnnotation(Param.class);
                if (param != null) {
                    parameters.add(step.name() + "." + param.value());
                }
            }
        }
        overrides.forPipeline(pipeline).forEach((target, override) -> {
            if (parameters.contains(target)) {
                return;
            }
            String prefix = override.setting().substring(0, override.setting().length() - target.length());
            String known = parameters.isEmpty() ? "it has no @Param to override"
                    : "the ones it has are " + String.join(", ", parameters.stream().map(p -> prefix + p).toList());
            StepDefinition step = steps.values().stream()
                    .filter(s -> target.equals(s.name()) || target.startsWith(s.name() + "."))
                    .findFirst().orElse(null);
            String why = step == null ? "pipeline '" + pipeline + "' has no step '" + firstSegment(target) + "'"
                    : target.equals(step.name()) ? "it names step '" + step.name() + "' but none of its parameters"
                    : "step '" + step.name() + "' has no @Param(\"" + target.substring(step.name().length() + 1) + "\")";
            problems.add(step == null ? null : step.method(), override.setting() + " = '" + override.yaml()
                    + "' overrides no parameter: " + why + "; " + known);
        });
    }

    private static String firstSegment(String target) {
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }
}
