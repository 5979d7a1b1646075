package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.check.CheckService;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.run.StepExecution;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the runs of a {@link ReproducibleTest @ReproducibleTest} method in the metadata store, as the engine records
 * a pipeline: the method is the pipeline ({@code Class#method}), each recorded output a step, so that {@code history}
 * and {@code diff} work for Jupiter tests too. The settings are read by the same {@link StoreSettings} as the engine's:
 * {@code reprounit.store.url}, {@code reprounit.artifacts.dir}, {@code reprounit.artifacts.max-size} and
 * {@code reprounit.store.retention}. A store that cannot be written does not hide the comparison: the first problem is
 * kept and reported once the runs are compared.
 */
final class TestRecording {

    private final StoreSettings settings;
    private final @Nullable ArtifactStore artifacts;
    private final String pipeline;
    private final String pipelineClass;
    private long check = -1;
    private @Nullable RuntimeException failure;

    private TestRecording(StoreSettings settings, @Nullable ArtifactStore artifacts, @Nullable RuntimeException problem,
            String pipeline, String pipelineClass) {
        this.settings = requireNonNull(settings);
        this.artifacts = artifacts;
        this.failure = problem;
        this.pipeline = requireNonNull(pipeline);
        this.pipelineClass = requireNonNull(pipelineClass);
    }

    static TestRecording of(ExtensionContext context, Method method) {
        StoreSettings settings = StoreSettings.from(context::getConfigurationParameter);
        ArtifactStore artifacts = null;
        RuntimeException problem = null;
        try {
            artifacts = settings.artifacts();
        } catch (StoreException e) {
            // Nothing is recorded, and the runs are still compared; the setting is named once they are.
            problem = new IllegalArgumentException(e.getMessage(), e);
        }
        return new TestRecording(settings, artifacts, problem, method.getDeclaringClass().getSimpleName() + "#"
                + method.getName(), method.getDeclaringClass().getName());
    }

    /** Where each run's outputs are kept as they are recorded; null where a setting is wrong and nothing is recorded. */
    @Nullable ArtifactStore artifacts() {
        return artifacts;
    }

    /** Records one run: its outputs as steps, with the method's code part, and the run's own parts. */
    synchronized void run(int number, Instant started, Instant finished, Map<String, Artifact> outputs, Fingerprint run,
            Fingerprint method) {
        attempt(store -> {
            if (check < 0) {
                check = store.startCheck(pipeline, pipelineClass, "repeat", started);
            }
            long id = store.startRun(check, number, "repeat", "", started);
            List<RecordedStep> steps = new ArrayList<>();
            outputs.forEach((name, output) -> steps.add(new RecordedStep(name, StepExecution.Status.SUCCEEDED,
                    Duration.between(started, finished), Map.of(), output, null, method)));
            store.completeRun(id, new RecordedRun(number, started, finished, run, steps), requireNonNull(artifacts));
        });
    }

    /** Records the verdict on every output once the last run is compared. */
    synchronized void finish(Map<String, Verdict> verdicts) {
        if (check < 0) {
            return;
        }
        List<StepVerdict> verdictsByOutput = new ArrayList<>();
        verdicts.forEach((output, verdict) -> verdictsByOutput.add(verdict == Verdict.REPRODUCED
                ? StepVerdict.reproduced(output, "output '" + output + "' was the same in every run", List.of())
                : StepVerdict.differing(output, verdict, "output '" + output + "' differed between runs",
                        List.of(output), null, null, List.of())));
        attempt(store -> {
            store.finishCheck(check, CheckService.recorded(verdictsByOutput), Instant.now());
            Integer keep = settings.retention();
            if (keep != null) {
                store.keepLatestChecks(pipeline, keep);
            }
        });
    }

    /** The first problem the store gave, to be reported once the comparison has had its say. */
    synchronized Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void attempt(Consumer<MetadataStore> write) {
        if (failure != null) {
            return;
        }
        try (MetadataStore store = settings.open()) {
            write.accept(store);
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
