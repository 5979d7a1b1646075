package io.reprounit.run;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.RemoteTier;
import io.reprounit.artifact.s3.S3Settings;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.jspecify.annotations.Nullable;

/**
 * What a forked JVM is asked to do, written by the test JVM as one JSON object on the forked JVM's standard input:
 * which pipeline to read again (from the step methods the test JVM found, with the same parameter overrides and the
 * materializers it found), which steps to run, where to write its results,
 * and which steps to replay afterwards. On standard input and never in a file, since it holds every system property
 * and override, secrets included, and a file would outlive a check killed from outside. In {@link ForkJson}, the format
 * of the results too.
 *
 * @param stepMethods      every step's method, for the forked JVM to read the pipeline from
 * @param materializers    the class names of the materializers the test JVM's {@code ServiceLoader} found, which the
 *                         forked JVM creates; null where the test JVM was given its materializers, and the forked JVM
 *                         looks them up itself
 * @param systemProperties this JVM's system properties; the forked JVM sets those it does not have, such as the ones
 *                         Surefire sets from {@code systemPropertyVariables}
 * @param replaySteps      steps to replay {@code replayTimes} times each on this run's own outputs, after the run
 * @param artifacts        the artifact store's directory, where the forked JVM keeps each output as it digests it;
 *                         null where outputs are not kept
 * @param maxSize          the largest output kept there, {@link Long#MAX_VALUE} for no limit
 * @param maxSizeSetting   how that limit was set, for the reason an output is not kept; null where there is none
 * @param keepData         whether each step's data sources are kept in the artifact store as well
 * @param remoteUrl        the artifact store's remote tier ({@code s3://bucket/prefix}), which the forked JVM keeps
 *                         each output in as well; null where there is none
 * @param remoteOptions    the tier's other settings (endpoint, region, path style; never a credential)
 * @param stepParts        by step, the code and configuration parts of its fingerprint as the test JVM took them,
 *                         which the forked JVM does not take again; empty where fingerprints are off
 * @param given            outputs of steps upstream of {@code steps} that an earlier run kept in the artifact store:
 *                         the forked JVM reads them back instead of running the steps that gave them, where it can
 * @param classPath        the class path in the test JVM's order, which the forked JVM shows as {@code java.class.path}
 *                         where it was started with its jars first ({@link ForkClassPath}); null where it was not
 */
record ForkedRunRequest(String pipelineClass, List<StepMethod> stepMethods, @Nullable List<String> materializers,
        List<String> steps, int run, List<Override> overrides,
        String originalDirectory, Map<String, String> systemProperties, boolean fingerprint, List<String> replaySteps,
        int replayTimes, String results, @Nullable String artifacts, long maxSize, @Nullable String maxSizeSetting,
        boolean keepData, @Nullable String remoteUrl, Map<String, String> remoteOptions, List<StoredInput> given,
        Map<String, List<FingerprintPart>> stepParts, @Nullable String classPath) {

    /** The output of step {@code step} as a run kept it, to be read back as an input of the steps it feeds. */
    record StoredInput(String step, String digest, String bytesDigest, String mediaType, long size) {}

    /**
     * The method of step {@code step} as the test JVM found it: the forked JVM reads the pipeline from these methods
     * ({@link PipelineReader#readSteps}), not by finding them again.
     *
     * @param parameters the parameter types' {@link Class#getName() names}
     */
    record StepMethod(String step, String declaringClass, String method, List<String> parameters) {

        static StepMethod of(StepDefinition step) {
            Method method = step.method();
            return new StepMethod(step.name(), method.getDeclaringClass().getName(), method.getName(),
                    Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
        }

        /** The method in {@code loader}'s classes, or why it is not there. */
        Method resolve(ClassLoader loader) throws ReflectiveOperationException {
            Class<?>[] types = new Class<?>[parameters.size()];
            for (int i = 0; i < types.length; i++) {
                String name = parameters.get(i);
                Class<?> primitive = PRIMITIVES.get(name);
                types[i] = primitive != null ? primitive : Class.forName(name, false, loader);
            }
            return Class.forName(declaringClass, false, loader).getDeclaredMethod(method, types);
        }

        @java.lang.Override
        public String toString() {
            return declaringClass + "." + method + "(" + String.join(", ", parameters) + ")";
        }
    }

    /** The types {@link Class#forName} does not know by their {@link Class#getName() names}. */
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "byte", byte.class,
            "char", char.class, "short", short.class, "int", int.class, "long", long.class, "float", float.class,
            "double", double.class);

    /** A parameter override that the test JVM's pipeline was read with, so that the forked JVM reads the same. */
    record Override(String step, String key, String setting, String yaml) {}

    /** @param materializers the test JVM's, whose providers the forked JVM creates rather than looks up again */
    static ForkedRunRequest of(PipelineDefinition pipeline, Materializers materializers, List<StepDefinition> steps,
            int run, Path directory,
            boolean fingerprint, List<String> replaySteps, int replayTimes, Path results, @Nullable ArtifactStore store,
            boolean keepData, List<StoredInput> given, Map<String, List<FingerprintPart>> stepParts,
            @Nullable String classPath) {
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
        RemoteTier remote = store == null ? null : store.remote();
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String k && value instanceof String v) {
                properties.put(k, v);
            }
        });
        return new ForkedRunRequest(pipeline.pipelineClass().getName(),
                pipeline.steps().stream().map(StepMethod::of).toList(), materializers.providers().orElse(null),
                steps.stream().map(StepDefinition::name).toList(),
                run, overrides, directory.toString(), properties, fingerprint, replaySteps, replayTimes,
                results.toString(), store == null ? null : store.root().toString(),
                store == null ? Long.MAX_VALUE : store.maxSize(), store == null ? null : store.maxSizeSetting(), keepData,
                remote == null ? null : remote.url(), remote == null ? Map.of() : remote.options(), given, stepParts, classPath);
    }

    /** The artifact store the test JVM records into, opened over the same directory with the same limit. */
    @Nullable ArtifactStore store() {
        if (artifacts == null) {
            return null;
        }
        ArtifactStore store = new ArtifactStore(Path.of(artifacts));
        if (remoteUrl != null) {
            store = store.withRemote(S3Settings.of(remoteUrl, remoteOptions).open());
        }
        return maxSizeSetting == null ? store : store.withMaxSize(maxSize, maxSizeSetting);
    }

    ParamOverrides paramOverrides() {
        return (pipeline, step, key) -> overrides.stream()
                .filter(o -> o.step().equals(step) && o.key().equals(key))
                .findFirst()
                .map(o -> new ParamOverrides.Override(o.setting(), o.yaml()));
    }

    /** Writes the request to {@code stream} as one JSON object, {@link ForkJson}'s; the stream is left open. */
    void write(OutputStream stream) throws IOException {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        out.put("pipelineClass", pipelineClass);
        out.put("stepMethods", stepMethods.stream().map(m -> Map.of("step", m.step(), "declaringClass",
                m.declaringClass(), "method", m.method(), "parameters", m.parameters())).toList());
        out.put("materializers", materializers);
        out.put("steps", steps);
        out.put("run", run);
        out.put("overrides", overrides.stream().map(o -> Map.of("step", o.step(), "key", o.key(),
                "setting", o.setting(), "yaml", o.yaml())).toList());
        out.put("originalDirectory", originalDirectory);
        out.put("systemProperties", systemProperties);
        out.put("fingerprint", fingerprint);
        out.put("replaySteps", replaySteps);
        out.put("replayTimes", replayTimes);
        out.put("results", results);
        out.put("artifacts", artifacts);
        out.put("maxSize", maxSize);
        out.put("maxSizeSetting", maxSizeSetting);
        out.put("keepData", keepData);
        out.put("remoteUrl", remoteUrl);
        out.put("remoteOptions", remoteOptions);
        out.put("given", given.stream().map(g -> Map.of("step", g.step(), "digest", g.digest(), "bytesDigest",
                g.bytesDigest(), "mediaType", g.mediaType(), "size", g.size())).toList());
        Map<String, Object> parts = new LinkedHashMap<>();
        stepParts.forEach((step, fixed) -> parts.put(step, fixed.stream().map(part -> Map.of("aspect",
                part.aspect().name(), "name", part.name(), "value", part.value(), "digest", part.digest())).toList()));
        out.put("stepParts", parts);
        out.put("classPath", classPath);
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        writer.write(ForkJson.line(out));
        writer.flush();
    }

    /** Reads a request from {@code stream} to its end. */
    static ForkedRunRequest read(InputStream stream) throws IOException {
        ForkJson.Node in;
        try {
            in = ForkJson.read(new InputStreamReader(stream, StandardCharsets.UTF_8));
        } catch (RuntimeException e) { // Jackson's, or not an object
            in = new ForkJson.Node(Map.of());
        }
        if (!in.has("pipelineClass")) {
            throw new IOException("The request of a forked run ended before it named a pipeline: this JVM is started by"
                    + " ReproUnit's forked runs, which write their request on its standard input");
        }
        List<Override> overrides = in.nodes("overrides").stream()
                .map(o -> new Override(o.text("step"), o.text("key"), o.text("setting"), o.text("yaml")))
                .toList();
        List<StepMethod> stepMethods = in.nodes("stepMethods").stream().map(m -> new StepMethod(m.text("step"),
                m.text("declaringClass"), m.text("method"), m.texts("parameters"))).toList();
        return new ForkedRunRequest(in.text("pipelineClass"), stepMethods,
                in.has("materializers") ? in.texts("materializers") : null, in.texts("steps"), (int) in.number("run"), overrides,
                in.text("originalDirectory"), new TreeMap<>(in.strings("systemProperties")), in.bool("fingerprint"),
                in.texts("replaySteps"), (int) in.number("replayTimes"), in.text("results"), in.textOrNull("artifacts"),
                in.number("maxSize"), in.textOrNull("maxSizeSetting"), !in.has("keepData") || in.bool("keepData"),
                in.textOrNull("remoteUrl"), in.has("remoteOptions") ? in.strings("remoteOptions") : Map.of(),
                in.has("given") ? in.nodes("given").stream().map(g -> new StoredInput(g.text("step"), g.text("digest"),
                        g.text("bytesDigest"), g.text("mediaType"), g.number("size"))).toList() : List.of(),
                stepParts(in.node("stepParts")), in.textOrNull("classPath"));
    }

    private static Map<String, List<FingerprintPart>> stepParts(ForkJson.Node node) {
        Map<String, List<FingerprintPart>> parts = new LinkedHashMap<>();
        for (String step : node.fields().keySet()) {
            parts.put(step, node.nodes(step).stream().map(part -> new FingerprintPart(Aspect.valueOf(part.text("aspect")),
                    part.text("name"), part.text("value"), part.text("digest"))).toList());
        }
        return parts;
    }
}
