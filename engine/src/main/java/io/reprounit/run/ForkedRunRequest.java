package io.reprounit.run;

import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a forked JVM is asked to do, written by the test JVM as a JSON file: which pipeline to read again (with the
 * same parameter overrides), which steps to run, where to write its results, and which steps to replay afterwards.
 *
 * @param systemProperties this JVM's system properties; the forked JVM sets those it does not have, such as the ones
 *                         Surefire sets from {@code systemPropertyVariables}
 * @param replaySteps      steps to replay {@code replayTimes} times each on this run's own outputs, after the run
 */
record ForkedRunRequest(String pipelineClass, List<String> steps, int run, List<Override> overrides,
        String originalDirectory, Map<String, String> systemProperties, boolean fingerprint, List<String> replaySteps,
        int replayTimes, String results) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A parameter override that the test JVM's pipeline was read with, so that the forked JVM reads the same. */
    record Override(String step, String key, String setting, String yaml) {}

    static ForkedRunRequest of(PipelineDefinition pipeline, List<StepDefinition> steps, int run, Path directory,
            boolean fingerprint, List<String> replaySteps, int replayTimes, Path results) {
        List<Override> overrides = new ArrayList<>();
        for (StepDefinition step : pipeline.steps()) {
            for (StepArgument argument : step.arguments()) {
                if (argument instanceof StepArgument.Configured configured && configured.source().override()) {
                    // JSON is YAML: the value reads back as the same node.
                    overrides.add(new Override(step.name(), configured.key(), configured.source().path(),
                            configured.source().node().toString()));
                }
            }
        }
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String k && value instanceof String v) {
                properties.put(k, v);
            }
        });
        return new ForkedRunRequest(pipeline.pipelineClass().getName(), steps.stream().map(StepDefinition::name).toList(),
                run, overrides, directory.toString(), properties, fingerprint, replaySteps, replayTimes,
                results.toString());
    }

    ParamOverrides paramOverrides() {
        return (pipeline, step, key) -> overrides.stream()
                .filter(o -> o.step().equals(step) && o.key().equals(key))
                .findFirst()
                .map(o -> new ParamOverrides.Override(o.setting(), o.yaml()));
    }

    void write(Path file) {
        JSON.writeValue(file.toFile(), this);
    }

    static ForkedRunRequest read(Path file) {
        return JSON.readValue(file.toFile(), ForkedRunRequest.class);
    }
}
