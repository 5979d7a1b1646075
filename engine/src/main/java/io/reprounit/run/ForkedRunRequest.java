package io.reprounit.run;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What a forked JVM is asked to do, written by the test JVM in properties syntax on the forked JVM's standard input:
 * which pipeline to read again (with the same parameter overrides), which steps to run, where to write its results,
 * and which steps to replay afterwards. On standard input and never in a file, since it holds every system property
 * and override, secrets included, and a file would outlive a check killed from outside. Properties and not JSON:
 * reading a record with Jackson's data binding cost a forked JVM most of a second of class loading before the pipeline
 * even started.
 *
 * @param systemProperties this JVM's system properties; the forked JVM sets those it does not have, such as the ones
 *                         Surefire sets from {@code systemPropertyVariables}
 * @param replaySteps      steps to replay {@code replayTimes} times each on this run's own outputs, after the run
 * @param artifacts        the artifact store's directory, where the forked JVM keeps each output as it digests it;
 *                         null where outputs are not kept
 * @param maxSize          the largest output kept there, {@link Long#MAX_VALUE} for no limit
 * @param maxSizeSetting   how that limit was set, for the reason an output is not kept; null where there is none
 */
record ForkedRunRequest(String pipelineClass, List<String> steps, int run, List<Override> overrides,
        String originalDirectory, Map<String, String> systemProperties, boolean fingerprint, List<String> replaySteps,
        int replayTimes, String results, @Nullable String artifacts, long maxSize, @Nullable String maxSizeSetting) {

    /** A parameter override that the test JVM's pipeline was read with, so that the forked JVM reads the same. */
    record Override(String step, String key, String setting, String yaml) {}

    static ForkedRunRequest of(PipelineDefinition pipeline, List<StepDefinition> steps, int run, Path directory,
            boolean fingerprint, List<String> replaySteps, int replayTimes, Path results, @Nullable ArtifactStore store) {
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
                results.toString(), store == null ? null : store.root().toString(),
                store == null ? Long.MAX_VALUE : store.maxSize(), store == null ? null : store.maxSizeSetting());
    }

    /** The artifact store the test JVM records into, opened over the same directory with the same limit. */
    @Nullable ArtifactStore store() {
        if (artifacts == null) {
            return null;
        }
        ArtifactStore store = new ArtifactStore(Path.of(artifacts));
        return maxSizeSetting == null ? store : store.withMaxSize(maxSize, maxSizeSetting);
    }

    ParamOverrides paramOverrides() {
        return (pipeline, step, key) -> overrides.stream()
                .filter(o -> o.step().equals(step) && o.key().equals(key))
                .findFirst()
                .map(o -> new ParamOverrides.Override(o.setting(), o.yaml()));
    }

    /** Writes the request to {@code stream}, which is left open. */
    void write(OutputStream stream) throws IOException {
        Properties out = new Properties();
        out.setProperty("pipelineClass", pipelineClass);
        list(out, "step", steps);
        out.setProperty("run", Integer.toString(run));
        for (int i = 0; i < overrides.size(); i++) {
            Override override = overrides.get(i);
            out.setProperty("override." + i + ".step", override.step());
            out.setProperty("override." + i + ".key", override.key());
            out.setProperty("override." + i + ".setting", override.setting());
            out.setProperty("override." + i + ".yaml", override.yaml());
        }
        out.setProperty("originalDirectory", originalDirectory);
        systemProperties.forEach((key, value) -> out.setProperty("system." + key, value));
        out.setProperty("fingerprint", Boolean.toString(fingerprint));
        list(out, "replay", replaySteps);
        out.setProperty("replayTimes", Integer.toString(replayTimes));
        out.setProperty("results", results);
        if (artifacts != null) {
            out.setProperty("artifacts", artifacts);
            out.setProperty("artifacts.maxSize", Long.toString(maxSize));
        }
        if (maxSizeSetting != null) {
            out.setProperty("artifacts.maxSizeSetting", maxSizeSetting);
        }
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.store(writer, null);
        writer.flush();
    }

    /** Reads a request from {@code stream} to its end. */
    static ForkedRunRequest read(InputStream stream) throws IOException {
        Properties in = new Properties();
        in.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
        if (!in.containsKey("pipelineClass")) {
            throw new IOException("The request of a forked run ended before it named a pipeline: this JVM is started by"
                    + " ReproUnit's forked runs, which write their request on its standard input");
        }
        List<Override> overrides = new ArrayList<>();
        for (int i = 0; in.containsKey("override." + i + ".step"); i++) {
            overrides.add(new Override(in.getProperty("override." + i + ".step"), in.getProperty("override." + i + ".key"),
                    in.getProperty("override." + i + ".setting"), in.getProperty("override." + i + ".yaml")));
        }
        Map<String, String> properties = new TreeMap<>();
        in.stringPropertyNames().stream().filter(key -> key.startsWith("system."))
                .forEach(key -> properties.put(key.substring("system.".length()), in.getProperty(key)));
        return new ForkedRunRequest(in.getProperty("pipelineClass"), list(in, "step"),
                Integer.parseInt(in.getProperty("run")), overrides, in.getProperty("originalDirectory"), properties,
                Boolean.parseBoolean(in.getProperty("fingerprint")), list(in, "replay"),
                Integer.parseInt(in.getProperty("replayTimes")), in.getProperty("results"), in.getProperty("artifacts"),
                Long.parseLong(in.getProperty("artifacts.maxSize", Long.toString(Long.MAX_VALUE))),
                in.getProperty("artifacts.maxSizeSetting"));
    }

    private static void list(Properties out, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            out.setProperty(prefix + "." + i, values.get(i));
        }
    }

    private static List<String> list(Properties in, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 0; in.containsKey(prefix + "." + i); i++) {
            values.add(in.getProperty(prefix + "." + i));
        }
        return values;
    }
}
