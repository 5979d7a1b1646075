package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Runs a pipeline once in this JVM: a fresh instance of its class, each step in topological order, each output
 * materialized into an artifact the moment the step returns, before a downstream step can change it.
 */
public final class PipelineRunner {

    private final PipelineDefinition pipeline;
    private final List<StepDefinition> steps;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;

    /** Runs {@code steps}, which must include every step they need, of {@code pipeline}. */
    public PipelineRunner(PipelineDefinition pipeline, List<StepDefinition> steps, Materializers materializers,
            Fingerprinter fingerprinter) {
        this.pipeline = requireNonNull(pipeline);
        this.steps = List.copyOf(steps);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
    }

    public Run run(int number) {
        java.time.Instant started = java.time.Instant.now();
        Map<String, Object> outputs = new HashMap<>();
        Map<String, StepExecution> executions = new LinkedHashMap<>();
        Instance instance = new Instance(pipeline.pipelineClass());
        for (StepDefinition step : steps) {
            executions.put(step.name(), execute(step, outputs, executions, instance));
        }
        return new Run(number, new ArrayList<>(executions.values()), fingerprinter.forRun(pipeline), started,
                java.time.Instant.now());
    }

    private StepExecution execute(StepDefinition step, Map<String, Object> outputs, Map<String, StepExecution> executions,
            Instance instance) {
        for (String upstream : step.upstream()) {
            StepExecution before = executions.get(upstream);
            if (before == null || before.status() != StepExecution.Status.SUCCEEDED) {
                return StepExecution.notRun(step.name(), "it needs the output of step '" + upstream + "', which "
                        + (before != null && before.status() == StepExecution.Status.FAILED ? "failed" : "did not run"),
                        Fingerprint.empty());
            }
        }
        Fingerprint fingerprint;
        try {
            fingerprint = fingerprinter.forStep(pipeline, step);
        } catch (RuntimeException e) {
            return StepExecution.failed(step.name(), Map.of(), new StepFailedException("Cannot take the fingerprint of"
                    + " step '" + step.name() + "' before it runs: " + e.getMessage(), e), Duration.ZERO, Fingerprint.empty());
        }
        Object[] values = new Object[step.arguments().size()];
        Map<String, String> digests = new LinkedHashMap<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < values.length; i++) {
                StepArgument argument = step.arguments().get(i);
                values[i] = argumentValue(argument, outputs);
                digests.put(argument.label(), argumentDigest(argument, executions));
            }
            // What a step read from its data sources is an input too: a file changed between runs taints, not diverges.
            fingerprint.parts(Aspect.DATA)
                    .forEach(part -> digests.put("data:" + part.name(), part.digest()));
            Object target = step.isStatic() ? null : instance.get();
            step.method().trySetAccessible();
            Object output = step.method().invoke(target, values);
            Artifact artifact = materializers.materialize(output);
            outputs.put(step.name(), output);
            return StepExecution.succeeded(step.name(), digests, artifact, elapsed(started), fingerprint);
        } catch (InvocationTargetException e) {
            return StepExecution.failed(step.name(), digests, e.getCause(), elapsed(started), fingerprint);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return StepExecution.failed(step.name(), digests, e, elapsed(started), fingerprint);
        }
    }

    private static Object argumentValue(StepArgument argument, Map<String, Object> outputs) {
        if (argument instanceof StepArgument.Upstream upstream) {
            return outputs.get(upstream.step());
        }
        if (argument instanceof StepArgument.Configured configured) {
            return configured.value();
        }
        return new Random(((StepArgument.SeededRandom) argument).seed());
    }

    private String argumentDigest(StepArgument argument, Map<String, StepExecution> executions) {
        if (argument instanceof StepArgument.Upstream upstream) {
            return executions.get(upstream.step()).output().orElseThrow().digest();
        }
        if (argument instanceof StepArgument.Configured configured) {
            return io.reprounit.artifact.Digests.sha256(configured.source().node().toString());
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
            return value;
        }
    }
}
