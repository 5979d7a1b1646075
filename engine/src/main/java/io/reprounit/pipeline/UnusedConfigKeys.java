package io.reprounit.pipeline;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every key of a pipeline's configuration must be used by some step: a key nobody reads is a typo or a leftover, and a
 * typo in a parameter's name would otherwise fall back to {@code params} or fail far from its cause.
 */
final class UnusedConfigKeys {

    private UnusedConfigKeys() {}

    static void check(PipelineConfig config, Map<String, StepDefinition> steps, PipelineProblems problems) {
        Set<String> used = new HashSet<>();
        for (StepDefinition step : steps.values()) {
            for (StepArgument argument : step.arguments()) {
                if (argument instanceof StepArgument.Configured configured) {
                    used.add(configured.source().path());
                    if (configured.source().override()) {
                        // An override shadows the file's value for one experiment; the key is still the pipeline's.
                        used.add("steps." + step.name() + "." + configured.key());
                        used.add("params." + configured.key());
                    }
                }
            }
        }
        for (String key : config.keysUnder("")) {
            if (!Set.of("seed", "params", "steps").contains(key)) {
                problems.add(null, config.where(key) + "unknown key '" + key + "'; the configuration has seed, params and"
                        + " steps");
            }
        }
        for (String key : config.keysUnder("params")) {
            if (!used.contains("params." + key)) {
                problems.add(null, config.where("params." + key) + "params." + key + " is used by no step: no step takes"
                        + " @Param(\"" + key + "\") without its own steps.<step>." + key + "; remove it or use it");
            }
        }
        for (String step : config.keysUnder("steps")) {
            if (!steps.containsKey(step)) {
                problems.add(null, config.where("steps." + step) + "steps." + step + " names no step; the steps are "
                        + String.join(", ", steps.keySet()));
                continue;
            }
            for (String key : config.keysUnder("steps." + step)) {
                String path = "steps." + step + "." + key;
                if (!used.contains(path)) {
                    problems.add(steps.get(step).method(), config.where(path) + path + " is used by no step: step '" + step
                            + "' has no @Param(\"" + key + "\"); remove it or add the parameter");
                }
            }
        }
    }
}
