package io.reprounit.bench;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.run.StepExecution;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The store's first figure of issue 4, as a median over repeated measurements after a warm-up: recording a 1,000-step
 * run (target under 200 ms). Run with {@code mvn -q -pl engine test-compile exec:java@bench}; it writes under
 * {@code engine/target/bench}. The second, {@code history} over 100,000 runs, times the command line and so lives
 * beside it: {@code io.reprounit.cli.HistoryBenchmark} in the cli module.
 */
public final class StoreBenchmark {

    private static final int STEPS = 1_000;
    private static final int WARM_UP = 5;
    private static final int MEASURED = 21;
    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(System.getProperty("reprounit.bench.dir", "target/bench")).toAbsolutePath();
        Files.createDirectories(directory);
        System.out.printf("Java %s, %d processors, store under %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), directory);
        recording(directory);
    }

    private static void recording(Path directory) throws Exception {
        Path database = directory.resolve("recording.db");
        Files.deleteIfExists(database);
        String url = "jdbc:sqlite:" + database;
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("recording-artifacts"));
        List<FingerprintPart> runParts = runParts();
        double[] complete = new double[MEASURED];
        double[] engine = new double[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            // New outputs and new step fingerprints every time: the worst case, where nothing is already stored.
            RecordedRun run = run(i + WARM_UP, runParts);
            try (MetadataStore store = MetadataStore.open(url, "bench")) {
                long check = store.startCheck("Bench", "io.reprounit.bench.Bench", "repeat", Instant.now());
                long id = store.startRun(check, 1, "repeat", "seed: 1\n", Instant.now());
                long started = System.nanoTime();
                store.completeRun(id, run, artifacts);
                if (i >= 0) {
                    complete[i] = millis(started);
                }
            }
            // As the engine records: open the store, insert the run, write it whole, close.
            RecordedRun again = run(1_000_000 + i + WARM_UP, runParts);
            long started = System.nanoTime();
            try (MetadataStore store = MetadataStore.open(url, "bench")) {
                long check = store.startCheck("Bench", "io.reprounit.bench.Bench", "repeat", Instant.now());
                long id = store.startRun(check, 1, "repeat", "seed: 1\n", Instant.now());
                store.completeRun(id, again, artifacts);
            }
            if (i >= 0) {
                engine[i] = millis(started);
            }
        }
        report("record a 1,000-step run (completeRun: one transaction + artifact files)", complete, 200);
        report("record a 1,000-step run as the engine does (open, insert, complete, close)", engine, 200);
    }

    static RecordedRun run(int seed, List<FingerprintPart> runParts) {
        return run(seed, runParts, null);
    }

    /** A run whose outputs, where {@code keptIn} is given, were streamed into it as they were digested. */
    static RecordedRun run(int seed, List<FingerprintPart> runParts, @Nullable ArtifactStore keptIn) {
        List<RecordedStep> steps = new ArrayList<>(STEPS);
        String previous = null;
        for (int s = 0; s < STEPS; s++) {
            String value = "output of step " + s + " in run " + seed + " " + "x".repeat(200);
            Artifact output = keptIn == null ? MATERIALIZERS.materialize(value)
                    : MATERIALIZERS.materialize(value, io.reprounit.artifact.Normalization.none(), keptIn);
            Map<String, String> inputs = previous == null ? Map.of("seed", "seed:" + s)
                    : Map.of("@Input(\"step" + (s - 1) + "\")", previous, "seed", "seed:" + s);
            steps.add(new RecordedStep("step" + s, StepExecution.Status.SUCCEEDED, Duration.ofMillis(3), inputs, output,
                    null, Fingerprint.of(List.of(
                            new FingerprintPart(Aspect.CODE, "bytecode", "12 methods in 3 classes",
                                    MATERIALIZERS.materialize("code " + s + " " + seed).digest()),
                            FingerprintPart.of(Aspect.CONFIG, "param.rate", "0." + s),
                            FingerprintPart.of(Aspect.CONFIG, "seed", Integer.toString(s))))));
            previous = output.digest();
        }
        return new RecordedRun(1, Instant.now(), Instant.now(), Fingerprint.of(runParts), steps);
    }

    /** About what a real run carries: environment, git, and a jar part per dependency. */
    static List<FingerprintPart> runParts() {
        List<FingerprintPart> parts = new ArrayList<>();
        parts.add(FingerprintPart.of(Aspect.CODE, "git.commit", "2729544" + "0".repeat(33)));
        parts.add(FingerprintPart.of(Aspect.CODE, "git.dirty", "false"));
        for (int j = 0; j < 40; j++) {
            parts.add(FingerprintPart.of(Aspect.CODE, "jar:org.example:lib" + j, "1." + j));
        }
        for (int e = 0; e < 15; e++) {
            parts.add(FingerprintPart.of(Aspect.ENVIRONMENT, "property" + e, "value " + e));
        }
        return parts;
    }

    static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    static void report(String what, double[] samples, int targetMillis) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf("%-80s median %7.1f ms  (min %.1f, max %.1f, n=%d; target < %d ms: %s)%n", what, median,
                sorted[0], sorted[sorted.length - 1], sorted.length, targetMillis,
                median < targetMillis ? "met" : "MISSED");
    }
}
