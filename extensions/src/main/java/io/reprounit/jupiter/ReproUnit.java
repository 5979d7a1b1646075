package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.Materializers;
import io.reprounit.baseline.Baseline;
import io.reprounit.check.CheckService;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.CheckPlan;
import io.reprounit.run.RunSettings;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Checks a whole pipeline class from any test and gives back its result as a value, to assert on:
 *
 * <pre>{@code
 * @Test
 * void irisPipelineIsReproducible() {
 *     assertThat(ReproUnit.check(IrisPipeline.class)).isReproducible();
 * }
 * }</pre>
 *
 * <p>It checks through the core's {@link CheckService}, as the engine does, honouring the same settings of where runs
 * execute ({@code reprounit.isolation}, {@code reprounit.vary}, {@code reprounit.run.timeout}, {@code reprounit.replay},
 * from {@link CheckOptions} or else system properties), so a check here gives the verdicts the engine would give. It
 * does not record the check in the metadata store, and applies a baseline only when one is given through
 * {@link CheckOptions#against}; it never writes one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReproUnit {

    private ReproUnit() {}

    /** Runs the pipeline as often as its {@code @ReproducibleRun(runs)} says and compares the runs step by step. */
    public static PipelineCheck check(Class<?> pipelineClass) {
        return check(pipelineClass, CheckOptions.defaults());
    }

    /**
     * Runs and compares the pipeline as {@code options} say.
     *
     * @throws MalformedPipelineException listing every problem, where the class cannot be run as a pipeline
     * @throws IllegalArgumentException where the class is not annotated {@code @ReproducibleRun} at all, where a
     *                                  setting of where runs execute is wrong (naming it), or where the recorded check
     *                                  to compare with cannot be read or is of another pipeline
     */
    public static PipelineCheck check(Class<?> pipelineClass, CheckOptions options) {
        requireNonNull(pipelineClass, "pipelineClass");
        requireNonNull(options, "options");
        if (!PipelineReader.isPipelineClass(pipelineClass)) {
            throw new IllegalArgumentException(pipelineClass.getName() + " is not a pipeline: a pipeline is a concrete,"
                    + " named class annotated with @" + io.reprounit.api.ReproducibleRun.class.getName());
        }
        ClassLoader classLoader = classLoaderOf(pipelineClass);
        Materializers materializers = Materializers.load(classLoader);
        RunSettings settings = new RunSettings(options::setting);
        settings.runsProblem().ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        // Read as the engine reads it: the same default number of runs and the same @Param overrides.
        PipelineReading reading = new PipelineReader(settings.defaultRuns(), materializers::whyUnsupported,
                ParamOverrides.fromSystemProperties()).read(pipelineClass);
        PipelineDefinition pipeline = reading.pipeline()
                .orElseThrow(() -> new MalformedPipelineException(pipelineClass, reading.problems()));
        Fingerprinter fingerprinter = options.fingerprints()
                ? Fingerprinter.create(classLoader, options.environmentVariables(), materializers)
                : Fingerprinter.disabled();
        fingerprinter.prepare(pipeline);

        @Nullable Baseline baseline = options.recorded().map(recorded -> RecordedChecks.baseline(recorded, pipeline))
                .orElse(options.baseline().orElse(null));

        CheckService checks = new CheckService(settings, materializers, fingerprinter);
        CheckPlan plan = checks.plan(pipeline);
        CheckService.Check check = checks.check(pipeline, pipeline.steps().stream().map(StepDefinition::name).toList(),
                plan, options.runs().orElse(pipeline.runs()), baseline, CheckService.NOT_RECORDED);
        return new PipelineCheck(pipeline, check.runs(), check.result(), baseline, check.received());
    }

    private static ClassLoader classLoaderOf(Class<?> pipelineClass) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            return context; // where test frameworks put the test class path, service files included
        }
        ClassLoader own = pipelineClass.getClassLoader();
        return own != null ? own : ClassLoader.getSystemClassLoader();
    }
}
