package io.reprounit.bench.large;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Child JVM: one check of a case's pipeline by the engine, through the JUnit Platform Launcher as an IDE or Surefire
 * would run it, with the metadata store and the artifact store in the directory given. Prints one line:
 * {@code check <millis> <VmHWM KiB> <millis from the last step's end to the first failure or the end> <artifact bytes>
 * <store bytes> <millis of the case's pipeline, start to finish> <passed|failed> <first line of the first failure>}.
 * With a third argument {@code warm}, a small pipeline is checked first in the same launcher execution.
 */
final class CheckJvm {

    private CheckJvm() {}

    public static void main(String[] args) throws IOException {
        LargeCase largeCase = LargeCase.byId(args[0]);
        Path store = Path.of(args[1]);
        boolean warm = args.length > 2 && args[2].equals("warm");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                // Warm: a small pipeline checked first in the same execution, as the second pipeline of a test run is.
                .selectors(warm ? List.of(selectClass(TinyPipeline.class), selectClass(largeCase.pipeline))
                        : List.of(selectClass(largeCase.pipeline)))
                .filters(EngineFilter.includeEngines("reprounit"))
                .configurationParameters(Map.of(
                        "reprounit.baseline.mode", "none",
                        "reprounit.store.url", "jdbc:sqlite:" + store.resolve("metadata.db"),
                        "reprounit.artifacts.dir", store.resolve("artifacts").toString()))
                .build();
        Verdicts verdicts = new Verdicts(largeCase.pipeline.getName());
        long started = System.nanoTime();
        LauncherFactory.create().execute(request, verdicts);
        long finished = System.nanoTime();
        long verdictAt = verdicts.firstFailureAt.get() != 0 ? verdicts.firstFailureAt.get() : finished;
        String failure = verdicts.firstFailure.get();
        if (verdicts.fullFailure.get() != null) {
            // The whole message, to read what a user would see; the table shows its first line.
            Files.writeString(store.resolveSibling(largeCase.id + "-failure.txt"), verdicts.fullFailure.get());
        }
        System.out.println("check " + (finished - started) / 1e6 + " " + PeakMemory.kibibytes() + " "
                + (verdictAt - StepClock.lastStepEnded()) / 1e6 + " " + size(store.resolve("artifacts")) + " "
                + size(store) + " " + (verdicts.pipelineFinished.get() - verdicts.pipelineStarted.get()) / 1e6 + " "
                + (failure == null && verdicts.steps.get() > 0 ? "passed" : "failed") + " "
                + (failure == null ? (verdicts.steps.get() + " steps") : failure));
    }

    /** When the first failure arrived, and its message's first line; and how many steps passed. */
    private static final class Verdicts implements TestExecutionListener {

        private final String pipeline;
        /** When the case's pipeline started and finished: its own check, without launcher and discovery. */
        final AtomicLong pipelineStarted = new AtomicLong();
        final AtomicLong pipelineFinished = new AtomicLong();

        Verdicts(String pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            if (isPipeline(identifier)) {
                pipelineStarted.set(System.nanoTime());
            }
        }

        private boolean isPipeline(TestIdentifier identifier) {
            return identifier.isContainer() && identifier.getUniqueId().endsWith("[pipeline:" + pipeline + "]");
        }

        final AtomicLong firstFailureAt = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final AtomicReference<String> fullFailure = new AtomicReference<>();
        final AtomicLong steps = new AtomicLong();

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (isPipeline(identifier)) {
                pipelineFinished.set(System.nanoTime());
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                steps.addAndGet(identifier.isTest() ? 1 : 0);
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.FAILED && firstFailureAt.compareAndSet(0, System.nanoTime())) {
                String message = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                        .orElse("(no throwable)");
                String firstLine = message.lines().findFirst().orElse("");
                firstFailure.set(identifier.getDisplayName() + ": "
                        + (firstLine.length() > 160 ? firstLine.substring(0, 160) + "…" : firstLine)
                        + " [" + message.length() + " chars]");
                fullFailure.set(identifier.getUniqueId() + "\n" + message);
            }
        }
    }

    private static long size(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
