package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.Normalization;
import io.reprounit.cache.CacheKey;
import io.reprounit.cache.CacheLookup;
import io.reprounit.cache.StepCache;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.Secrets;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.jdk.ShuffledCalls;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Runs a pipeline once in this JVM: a fresh instance of its class, each step in topological order, each output
 * materialized into an artifact the moment the step returns, before a downstream step can change it.
 */
@API(status = INTERNAL, since = "0.1")
public final class PipelineRunner {

    private final PipelineDefinition pipeline;
    private final List<StepDefinition> steps;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;
    private final Progress progress;
    private final @Nullable Path pathsAgainst;
    private final boolean runFingerprint;
    private final @Nullable ArtifactStore store;
    private final StepCache cache;
    private final @Nullable RestoredFiles restored;
    private final StepConditions conditions;

    /**
     * Told when each step starts and ends: how a forked run says which step it is in when it is killed, and how a
     * check in this JVM says it when the JVM exits.
     */
    interface Progress {
        Progress NONE = new Progress() {};

        default void stepStarting(String step) {}

        default void stepFinished(StepExecution execution) {}

        /**
         * The kinds of JDK call with an unspecified order that the step's method made, where the run's
         * {@code java.base} is patched to record them ({@link ShuffledCalls}) and it made any.
         */
        default void shuffledCalls(String step, List<String> kinds) {}
    }

    /** Runs {@code steps}, which must include every step they need, of {@code pipeline}. */
    public PipelineRunner(PipelineDefinition pipeline, List<StepDefinition> steps, Materializers materializers,
            Fingerprinter fingerprinter) {
        this(pipeline, steps, materializers, fingerprinter, null);
    }

    /**
     * As {@link #PipelineRunner(PipelineDefinition, List, Materializers, Fingerprinter)}, keeping each output in
     * {@code store} as it is digested, where a store is given.
     */
    public PipelineRunner(PipelineDefinition pipeline, List<StepDefinition> steps, Materializers materializers,
            Fingerprinter fingerprinter, @Nullable ArtifactStore store) {
        this(pipeline, steps, materializers, fingerprinter, Progress.NONE, null, true, store, StepCache.OFF, null,
                StepConditions.NONE);
    }

    private PipelineRunner(PipelineDefinition pipeline, List<StepDefinition> steps, Materializers materializers,
            Fingerprinter fingerprinter, Progress progress, @Nullable Path pathsAgainst, boolean runFingerprint,
            @Nullable ArtifactStore store, StepCache cache, @Nullable RestoredFiles restored, StepConditions conditions) {
        this.pipeline = requireNonNull(pipeline);
        this.steps = List.copyOf(steps);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
        this.progress = requireNonNull(progress);
        this.pathsAgainst = pathsAgainst;
        this.runFingerprint = runFingerprint;
        this.store = store;
        this.cache = requireNonNull(cache);
        this.restored = restored;
        this.conditions = requireNonNull(conditions);
    }

    /**
     * This runner for a forked run: it reports progress, gives relative {@code Path} and {@code File} parameters to
     * steps resolved against {@code directory} (the test JVM's working directory), and leaves the run's fingerprint,
     * which is the same for every run of the check and slow to take, to the test JVM; {@code conditions} are applied
     * around each step's call.
     */
    PipelineRunner forked(Progress progress, Path directory, StepConditions conditions) {
        return new PipelineRunner(pipeline, steps, materializers, fingerprinter, progress, directory, false, store,
                StepCache.OFF, null, conditions);
    }

    /**
     * This runner, asking {@code cache} before each step whether a recorded check proved its output already; a served
     * output that is a file or directory is restored under {@code restored}. Only where outputs are kept in a store.
     */
    PipelineRunner caching(StepCache cache, RestoredFiles restored) {
        return new PipelineRunner(pipeline, steps, materializers, fingerprinter, progress, pathsAgainst, runFingerprint,
                store, cache, restored, conditions);
    }

    /** This runner, telling {@code progress} as each step of a run starts and ends. */
    PipelineRunner reporting(Progress progress) {
        return new PipelineRunner(pipeline, steps, materializers, fingerprinter, progress, pathsAgainst, runFingerprint,
                store, cache, restored, conditions);
    }

    public Run run(int number) {
        return run(number, new HashMap<>());
    }

    /** Runs the steps, leaving each step's output object in {@code outputs}, for {@link #replay}. */
    Run run(int number, Map<String, Object> outputs) {
        return run(number, outputs, Map.of());
    }

    /**
     * As {@link #run(int, Map)}, where the steps in {@code given} do not run: their outputs are in {@code outputs}
     * already, read back from an earlier run, and their executions open the run.
     */
    Run run(int number, Map<String, Object> outputs, Map<String, StepExecution> given) {
        java.time.Instant started = java.time.Instant.now();
        Map<String, StepExecution> executions = new LinkedHashMap<>(given);
        Instance instance = new Instance(pipeline.pipelineClass());
        for (StepDefinition step : steps) {
            progress.stepStarting(step.name());
            StepExecution execution = execute(step, outputs, executions, instance, store);
            progress.stepFinished(execution);
            executions.put(step.name(), execution);
        }
        return new Run(number, new ArrayList<>(executions.values()),
                runFingerprint ? fingerprinter.forRun(pipeline) : Fingerprint.empty(), started, java.time.Instant.now());
    }

    /**
     * Runs {@code step} once more, on a fresh instance, with the output objects {@code outputs} kept from {@code run}:
     * the inputs that run recorded. Before it runs, every input is materialized again and must still have the digest
     * recorded for it; otherwise a step has changed an object after it was recorded, and replaying would prove nothing.
     */
    StepExecution replay(StepDefinition step, Map<String, Object> outputs, Run run) {
        Map<String, StepExecution> executions = new LinkedHashMap<>();
        run.executions().forEach(execution -> executions.put(execution.step(), execution));
        for (String upstream : step.upstream()) {
            StepExecution before = executions.get(upstream);
            if (before == null || before.output().isEmpty()) {
                throw new IllegalStateException("step '" + upstream + "' gave no output in run " + run.number());
            }
            String recorded = before.output().get().digest();
            Normalization normalization = pipeline.step(upstream).map(StepDefinition::normalization)
                    .orElse(Normalization.none());
            // Digested only: the output was kept when its run recorded it.
            if (!materializers.materialize(outputs.get(upstream), normalization, null).digest().equals(recorded)) {
                throw new IllegalStateException("the output of step '" + upstream + "' was changed after run "
                        + run.number() + " recorded it (a step mutates its input)");
            }
        }
        // A replay's output is compared with the run's, never recorded: nothing to keep.
        return execute(step, new HashMap<>(outputs), executions, new Instance(pipeline.pipelineClass()), null);
    }

    private StepExecution execute(StepDefinition step, Map<String, Object> outputs, Map<String, StepExecution> executions,
            Instance instance, @Nullable ArtifactStore keptIn) {
        for (String upstream : step.upstream()) {
            StepExecution before = executions.get(upstream);
            if (before == null || before.status() != StepExecution.Status.SUCCEEDED) {
                return StepExecution.notRun(step.name(), "it needs the output of step '" + upstream + "', which "
                        + (before != null && before.status() == StepExecution.Status.FAILED ? "failed"
                                : "did not run" + failedUpstream(upstream, executions).map(failed ->
                                        " because step '" + failed + "' failed").orElse("")),
                        Fingerprint.empty());
            }
        }
        Fingerprint data;
        try {
            data = fingerprinter.dataOf(step);
        } catch (RuntimeException e) {
            return StepExecution.failed(step.name(), Map.of(), new StepFailedException("Cannot take the fingerprint of"
                    + " step '" + step.name() + "' before it runs: " + e.getMessage(), e), Duration.ZERO, Fingerprint.empty());
        }
        // Kept before the step runs, as fingerprinted: a step may write where it reads. A served step's data is kept
        // too, so that this check can be reproduced like any other (the store already holds it: nothing is copied).
        List<DataSnapshot> snapshots = fingerprinter.snapshotsOf(step, data, keptIn);
        return servedOrExecuted(step, outputs, executions, instance, data, keptIn).withDataSnapshots(snapshots);
    }

    private StepExecution servedOrExecuted(StepDefinition step, Map<String, Object> outputs,
            Map<String, StepExecution> executions, Instance instance, Fingerprint data, @Nullable ArtifactStore keptIn) {
        CacheLookup lookup = null;
        Fingerprint fingerprint = null;
        if (cache.isOn() && keptIn != null) {
            try {
                fingerprint = fingerprinter.forStep(pipeline, step, data);
            } catch (RuntimeException e) {
                return StepExecution.failed(step.name(), Map.of(), new StepFailedException("Cannot take the"
                        + " fingerprint of step '" + step.name() + "': " + e.getMessage(), e), Duration.ZERO, data);
            }
            Map<String, String> inputs = inputDigests(step, executions, data);
            CacheServing.Answer answer = new CacheServing(cache, materializers, steps, requireNonNull(restored), keptIn)
                    .serve(step, new CacheKey(fingerprint, fingerprinter.forCache(pipeline), inputs),
                            jars -> fingerprinter.jarsCounted(pipeline, step, jars), outputs);
            if (answer.served() != null) {
                return answer.served();
            }
            lookup = answer.lookup();
        }
        StepExecution execution = executed(step, outputs, executions, instance, data, keptIn, fingerprint);
        return lookup == null ? execution : execution.asked(lookup);
    }

    /** @param known the step's fingerprint where the cache already took it; else it is taken after the step ran */
    private StepExecution executed(StepDefinition step, Map<String, Object> outputs,
            Map<String, StepExecution> executions, Instance instance, Fingerprint data, @Nullable ArtifactStore keptIn,
            @Nullable Fingerprint known) {
        Invocation invocation = invoke(step, outputs, executions, instance, data, keptIn);
        Fingerprint fingerprint;
        try {
            fingerprint = known != null ? known : fingerprinter.forStep(pipeline, step, data);
        } catch (RuntimeException e) {
            return StepExecution.failed(step.name(), invocation.inputs(), new StepFailedException("Cannot take the"
                    + " fingerprint of step '" + step.name() + "': " + e.getMessage(), e), invocation.elapsed(), data);
        }
        return invocation.failure() == null
                ? StepExecution.succeeded(step.name(), invocation.inputs(), requireNonNull(invocation.output()),
                        invocation.elapsed(),
                        fingerprint)
                : StepExecution.failed(step.name(), invocation.inputs(), invocation.failure(), invocation.elapsed(),
                        fingerprint);
    }

    /** What calling a step gave: the digests of its inputs, and its output or what it threw. */
    private record Invocation(Map<String, String> inputs, @Nullable Artifact output, @Nullable Throwable failure,
            Duration elapsed) {}

    private Invocation invoke(StepDefinition step, Map<String, Object> outputs, Map<String, StepExecution> executions,
            Instance instance, Fingerprint data, @Nullable ArtifactStore keptIn) {
        @Nullable Object[] values = new @Nullable Object[step.arguments().size()];
        Map<String, String> digests = Map.of();
        long started = System.nanoTime();
        try {
            digests = inputDigests(step, executions, data);
            for (int i = 0; i < values.length; i++) {
                StepArgument argument = step.arguments().get(i);
                values[i] = resolved(argumentValue(argument, outputs), argument);
            }
            Object target = step.isStatic() ? null : instance.get();
            step.method().trySetAccessible();
            ShuffledCalls.take(); // the engine's own calls until now are not the step's
            Object output;
            try (StepConditions.Applied applied = conditions.around(step.name())) {
                output = step.method().invoke(target, values);
            } finally {
                int shuffled = ShuffledCalls.take();
                if (shuffled != 0) {
                    progress.shuffledCalls(step.name(), UnspecifiedOrderFinding.kindNames(shuffled));
                }
            }
            Artifact artifact = materializers.materialize(output, step.normalization(), keptIn);
            outputs.put(step.name(), output);
            return new Invocation(digests, artifact, null, elapsed(started));
        } catch (InvocationTargetException e) {
            return new Invocation(digests, null, e.getCause(), elapsed(started));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Invocation(digests, null, e, elapsed(started));
        }
    }

    /** The digest of everything the step receives: each argument, and what it read from its data sources. */
    private Map<String, String> inputDigests(StepDefinition step, Map<String, StepExecution> executions,
            Fingerprint data) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (StepArgument argument : step.arguments()) {
            digests.put(argument.label(), argumentDigest(argument, executions));
        }
        // What a step read from its data sources is an input too: a file changed between runs taints, not diverges.
        data.parts(Aspect.DATA).forEach(part -> digests.put("data:" + part.name(), part.digest()));
        return digests;
    }

    /** The step that failed and so kept {@code step} from running, searched upstream. */
    private Optional<String> failedUpstream(String step, Map<String, StepExecution> executions) {
        StepExecution execution = executions.get(step);
        if (execution != null && execution.status() == StepExecution.Status.FAILED) {
            return Optional.of(step);
        }
        return pipeline.step(step).stream()
                .flatMap(definition -> definition.upstream().stream())
                .map(upstream -> failedUpstream(upstream, executions))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static @Nullable Object argumentValue(StepArgument argument, Map<String, Object> outputs) {
        if (argument instanceof StepArgument.Upstream upstream) {
            return outputs.get(upstream.step());
        }
        if (argument instanceof StepArgument.Configured configured) {
            return configured.value();
        }
        return new Random(((StepArgument.SeededRandom) argument).seed());
    }

    /** A relative path parameter against {@link #pathsAgainst}; its digest and fingerprint keep it as configured. */
    private @Nullable Object resolved(@Nullable Object value, StepArgument argument) {
        if (pathsAgainst == null || !(argument instanceof StepArgument.Configured)) {
            return value;
        }
        if (value instanceof Path path && !path.isAbsolute()) {
            return pathsAgainst.resolve(path);
        }
        if (value instanceof File file && !file.isAbsolute()) {
            return new File(pathsAgainst.toFile(), file.getPath());
        }
        return value;
    }

    private String argumentDigest(StepArgument argument, Map<String, StepExecution> executions) {
        if (argument instanceof StepArgument.Upstream upstream) {
            return requireNonNull(executions.get(upstream.step())).output().orElseThrow().digest();
        }
        if (argument instanceof StepArgument.Configured configured) {
            // Of the value as recorded: a digest of a password would let it be guessed.
            return io.reprounit.artifact.Digests.sha256(
                    Secrets.recorded(configured.key(), configured.source().node()).toString());
        }
        return "seed:" + ((StepArgument.SeededRandom) argument).seed();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The run's instance of the pipeline class, created when the first instance step needs it. */
    private static final class Instance {
        private final Class<?> type;
        private @Nullable Object value;
        private @Nullable Throwable failure;

        Instance(Class<?> type) {
            this.type = type;
        }

        Object get() {
            if (value == null && failure == null) {
                try {
                    Constructor<?> constructor = type.getDeclaredConstructor();
                    constructor.trySetAccessible();
                    value = constructor.newInstance();
                } catch (InvocationTargetException e) {
                    failure = e.getCause();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new StepFailedException("Cannot create an instance of " + type.getName() + " for this run", failure);
            }
            return requireNonNull(value);
        }
    }
}
