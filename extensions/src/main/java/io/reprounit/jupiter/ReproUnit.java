package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Materializers;
import io.reprounit.baseline.Baseline;
import io.reprounit.compare.BaselineComparator;
import io.reprounit.compare.CheckResult;
import io.reprounit.compare.RunComparator;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.PipelineRunner;
import io.reprounit.run.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * <p>It composes the same core classes as the engine — {@link PipelineReader}, {@link PipelineRunner} with a
 * {@link Fingerprinter}, {@link RunComparator} — so a check here gives the verdicts the engine would give. It does not
 * record the check in the metadata store, and applies a baseline only when one is given through
 * {@link CheckOptions#against}; it never writes one.
 */
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
     * @throws IllegalArgumentException where the class is not annotated {@code @ReproducibleRun} at all
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
        PipelineReading reading = new PipelineReader(2, materializers::whyUnsupported).read(pipelineClass);
        PipelineDefinition pipeline = reading.pipeline()
                .orElseThrow(() -> new MalformedPipelineException(pipelineClass, reading.problems()));
        Fingerprinter fingerprinter = options.fingerprints()
                ? Fingerprinter.create(classLoader, options.environmentVariables(), materializers)
                : Fingerprinter.disabled();
        fingerprinter.prepare(pipeline);

        List<StepDefinition> steps = pipeline.steps();
        PipelineRunner runner = new PipelineRunner(pipeline, steps, materializers, fingerprinter);
        int count = options.runs().orElse(pipeline.runs());
        List<Run> runs = new ArrayList<>(count);
        for (int number = 1; number <= count; number++) {
            runs.add(runner.run(number));
        }
        CheckResult result = RunComparator.compare(steps, runs);
        @Nullable Baseline expected = options.baseline().orElse(null);
        @Nullable Baseline received = null;
        if (expected != null) {
            // Built as the engine builds it, so that both sides are compared in the same portable form.
            received = Baseline.of(pipeline, runs, Path.of("").toAbsolutePath());
            result = BaselineComparator.compare(steps, result, expected, received);
        }
        return new PipelineCheck(pipeline, runs, result, expected, received);
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
