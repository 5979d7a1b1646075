package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.cache.CacheEntry;
import io.reprounit.cache.StepCache;
import java.util.List;
import java.util.function.Supplier;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.check.CheckService;
import io.reprounit.compare.CheckResult;
import io.reprounit.pipeline.Secrets;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.run.Run;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.DifferingParts;
import io.reprounit.store.RecordedRun;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One check as it is recorded: started, each run inserted INCOMPLETE as it starts and written whole when it ends, then
 * the verdicts. Each write is committed on the {@link StoreThread} while the steps go on, so that a check cut short
 * leaves what it did so far. A write that fails does not stop the check: the first failure is kept, later writes of
 * this check are skipped, and {@link #checked} throws it after the steps' results are reported, so that a store
 * problem never hides a test result. Should the JVM exit before the check ends, its {@link ExitWatch} says which step
 * was running, on standard error and in the store.
 */
final class CheckRecording implements AutoCloseable {

    /** How long an exiting JVM waits for the store to record why; a store that hangs must not keep it alive. */
    private static final long EXIT_RECORD_SECONDS = 10;


    private final CheckRecorder recorder;
    private final StoreThread store;
    private final PipelineDefinition pipeline;
    private final ArtifactStore artifacts;
    /** {@code repeat} (every run in the test JVM) or {@code forked} (each in a fresh one). */
    private final String mode;
    /** The last write submitted: each waits for the one before, so that the first failure skips the rest. */
    private volatile CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
    private final ExitWatch exitWatch;
    private final StepCache cache;
    // Touched only on the store's thread.
    private long check;
    private final Map<Integer, Long> runs = new HashMap<>();

    /** @param cached whether the check's steps may be served from the cache of what this store recorded */
    CheckRecording(CheckRecorder recorder, StoreThread store, PipelineDefinition pipeline, ArtifactStore artifacts,
            String mode, @Nullable Long against, boolean cached) {
        this.recorder = requireNonNull(recorder);
        this.store = requireNonNull(store);
        this.pipeline = requireNonNull(pipeline);
        this.artifacts = requireNonNull(artifacts);
        this.mode = requireNonNull(mode);
        this.exitWatch = ExitWatch.start(pipeline.name(), this::exited);
        Instant started = Instant.now();
        write(metadata -> check = metadata.startCheck(pipeline.name(), pipeline.pipelineClass().getName(), mode,
                against, started));
        this.cache = cached ? StepCache.over(entries(pipeline)) : StepCache.OFF;
    }

    /**
     * What the store recorded for the cache, read on the store's thread while the check starts. A store that cannot
     * answer serves nothing: the check then runs every step, and the store's failure is reported when it ends.
     */
    private Supplier<Map<String, List<CacheEntry>>> entries(PipelineDefinition pipeline) {
        CompletableFuture<Map<String, List<CacheEntry>>> entries = store.submit(
                metadata -> metadata.cacheEntries(pipeline.name(), StepCache.ENTRIES_PER_STEP));
        return () -> {
            try {
                return entries.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return Map.of();
            }
        };
    }

    /** Where the check's runs keep their outputs as they digest them. */
    ArtifactStore artifacts() {
        return artifacts;
    }

    /** This recording, told of the runner's runs and steps as they start and end. */
    CheckService.Recording asRunnerRecording() {
        return new CheckService.Recording() {
            @Override
            public ArtifactStore artifacts() {
                return artifacts;
            }

            @Override
            public void runStarting(int number) {
                CheckRecording.this.runStarting(number);
            }

            @Override
            public Run runFinished(Run run) {
                return CheckRecording.this.runFinished(run);
            }

            @Override
            public void stepStarting(int run, String step) {
                CheckRecording.this.stepStarting(run, step);
            }

            @Override
            public void stepFinished(int run, String step) {
                CheckRecording.this.stepFinished();
            }

            @Override
            public StepCache cache() {
                return cache;
            }
        };
    }

    void runStarting(int number) {
        Instant started = Instant.now();
        String config = Secrets.redactConfig(pipeline.config().text());
        write(metadata -> runs.put(number, metadata.startRun(check, number, mode, config, started)));
    }

    /** Records {@code run} and gives it back, so that a caller can record a run where it collects it. */
    Run runFinished(Run run) {
        write(metadata -> {
            Long id = runs.get(run.number());
            if (id != null) {
                metadata.completeRun(id, RecordedRun.of(run), artifacts);
            }
        });
        return run;
    }

    void stepStarting(int run, String step) {
        exitWatch.stepStarting(run, step);
    }

    void stepFinished() {
        exitWatch.stepFinished();
    }

    /**
     * Called as the JVM exits in the middle of the check, on the thread of a shutdown hook: recorded after the writes
     * before it, even one that failed, while the store's thread still runs.
     */
    private void exited(@Nullable String step, String message) {
        Instant at = Instant.now();
        CompletableFuture<Void> recorded = written.handle((ignored, failed) -> null)
                .thenCompose(ignored -> store.submit(metadata -> {
                    metadata.exitedDuringCheck(check, step, message, at);
                    return null;
                }));
        try {
            recorded.get(EXIT_RECORD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the metadata store did not answer within " + EXIT_RECORD_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the exit", e);
        }
    }

    /** The check has ended, recorded or not: an exit of the JVM is nothing more to say about it. */
    @Override
    public void close() {
        exitWatch.close();
    }

    /**
     * Records the verdicts, and the parts that differed from a recorded check where it was compared with one, applies
     * the retention setting, waits for every write of this check, and throws the first that failed, if one did.
     */
    void checked(CheckResult result, Optional<DifferingParts> differingParts) {
        Instant finished = Instant.now();
        write(metadata -> {
            metadata.finishCheck(check, CheckService.recorded(result.verdicts()), result.failure().isPresent(),
                    finished);
            differingParts.ifPresent(parts -> metadata.recordDifferingParts(check, parts));
            Integer keep = recorder.retention();
            if (keep != null) {
                metadata.keepLatestChecks(pipeline.name(), keep);
            }
        });
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void write(Consumer<MetadataStore> work) {
        written = written.thenCompose(ignored -> store.submit(metadata -> {
            work.accept(metadata);
            return null;
        }));
    }
}
