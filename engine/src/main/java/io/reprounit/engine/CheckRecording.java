package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.CheckResult;
import io.reprounit.fingerprint.Secrets;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.run.Run;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One check as it is recorded: each run inserted INCOMPLETE as it starts and written whole when it ends, then the
 * verdicts. The store is opened for each of these and closed again, so that nothing stays open if the check is cut
 * short. A write that fails does not stop the check: the failure is kept and thrown by {@link #checked}, after the
 * steps' results are reported, so that a store problem never hides a test result. Should the JVM exit before the
 * check ends, its {@link ExitWatch} says which step was running, on standard error and in the store.
 */
final class CheckRecording implements AutoCloseable {

    private final CheckRecorder recorder;
    private final PipelineDefinition pipeline;
    private final ArtifactStore artifacts;
    private final long check;
    /** {@code repeat} (every run in the test JVM) or {@code forked} (each in a fresh one). */
    private final String mode;
    private final Map<Integer, Long> runs = new HashMap<>();
    private final ExitWatch exitWatch;
    private @Nullable RuntimeException failure;

    CheckRecording(CheckRecorder recorder, PipelineDefinition pipeline, ArtifactStore artifacts, long check, String mode) {
        this.recorder = requireNonNull(recorder);
        this.pipeline = requireNonNull(pipeline);
        this.artifacts = requireNonNull(artifacts);
        this.check = check;
        this.mode = requireNonNull(mode);
        this.exitWatch = ExitWatch.start(pipeline.name(), this::exited);
    }

    /** Where the check's runs keep their outputs as they digest them. */
    ArtifactStore artifacts() {
        return artifacts;
    }

    void runStarting(int number) {
        String config = Secrets.redactConfig(pipeline.config().text());
        attempt(store -> runs.put(number, store.startRun(check, number, mode, config, Instant.now())));
    }

    /** Records {@code run} and gives it back, so that a caller can record a run where it collects it. */
    Run runFinished(Run run) {
        Long id = runs.get(run.number());
        if (id != null) {
            attempt(store -> store.completeRun(id, RecordedRun.of(run), artifacts));
        }
        return run;
    }

    void stepStarting(int run, String step) {
        exitWatch.stepStarting(run, step);
    }

    void stepFinished() {
        exitWatch.stepFinished();
    }

    /** Called as the JVM exits in the middle of the check, on the thread of a shutdown hook. */
    private void exited(@Nullable String step, String message) {
        try (MetadataStore store = recorder.open()) {
            store.exitedDuringCheck(check, step, message, Instant.now());
        }
    }

    /** The check has ended, recorded or not: an exit of the JVM is nothing more to say about it. */
    @Override
    public void close() {
        exitWatch.close();
    }

    /**
     * Records the verdicts, applies the retention setting, and throws the first failure to write anything of this
     * check, if there was one.
     */
    void checked(CheckResult result) {
        attempt(store -> {
            store.finishCheck(check, result.verdicts(), Instant.now());
            Integer keep = recorder.retention();
            if (keep != null) {
                store.keepLatestChecks(pipeline.name(), keep);
            }
        });
        if (failure != null) {
            throw failure;
        }
    }

    private void attempt(java.util.function.Consumer<MetadataStore> write) {
        if (failure != null) {
            return;
        }
        try (MetadataStore store = recorder.open()) {
            write.accept(store);
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
