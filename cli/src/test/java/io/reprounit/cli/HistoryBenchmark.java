package io.reprounit.cli;

import io.reprounit.bench.HistoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The store's second figure of issue 4, as a median over repeated measurements after a warm-up: {@code history} over a
 * store of 100,000 runs (target under 100 ms), timed as a user sees it — open the store, query, print the table — and
 * in the command line's own jar. Run from the top of the repository with
 * <pre>
 * mvn -q -o -pl cli -am package -DskipTests
 * java -cp cli/target/reprounit-cli-0.1.0-SNAPSHOT.jar:cli/target/test-classes:engine/target/test-classes \
 *     io.reprounit.cli.HistoryBenchmark
 * </pre>
 * It writes under {@code cli/target/bench} and reuses the 100,000-run store it built there before, unless given
 * {@code --fresh}. (Not exec:java: with {@code -am}, Maven would ask every module of the reactor for the execution.)
 */
public final class HistoryBenchmark {

    private static final int WARM_UP = 5;
    private static final int MEASURED = 21;
    private static final int TARGET_MILLIS = 100;

    private HistoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(System.getProperty("reprounit.bench.dir", "cli/target/bench")).toAbsolutePath();
        Files.createDirectories(directory);
        System.out.printf("Java %s, %d processors, store under %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), directory);
        Path database = directory.resolve("history-100k.db");
        String url = "jdbc:sqlite:" + database;
        if (Arrays.asList(args).contains("--fresh") || !Files.exists(database)) {
            Files.deleteIfExists(database);
            long started = System.nanoTime();
            HistoryStore.build(url);
            System.out.printf("built a store of %,d runs in %.1f s (%,d bytes)%n", HistoryStore.RUNS,
                    millis(started) / 1000, Files.size(database));
        }
        double[] all = new double[MEASURED];
        double[] oneStep = new double[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            double a = timed("history", HistoryStore.PIPELINE, "--store", url);
            double b = timed("history", HistoryStore.PIPELINE, "--step", "train", "--store", url);
            if (i >= 0) {
                all[i] = a;
                oneStep[i] = b;
            }
        }
        report("history <pipeline> over 100,000 runs (open store, query, print table)", all);
        report("history <pipeline> --step train over 100,000 runs", oneStep);
        StringWriter out = new StringWriter();
        ReproUnitCli.run(new String[] {"history", HistoryStore.PIPELINE, "--store", url}, new PrintWriter(out),
                new PrintWriter(System.err));
        System.out.println("\n" + out);
    }

    private static double timed(String... args) {
        StringWriter out = new StringWriter();
        long started = System.nanoTime();
        int status = ReproUnitCli.run(args, new PrintWriter(out), new PrintWriter(System.err));
        double elapsed = millis(started);
        if (status != 0) {
            throw new IllegalStateException("history failed with status " + status);
        }
        return elapsed;
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static void report(String what, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf("%-80s median %7.1f ms  (min %.1f, max %.1f, n=%d; target < %d ms: %s)%n", what, median,
                sorted[0], sorted[sorted.length - 1], sorted.length, TARGET_MILLIS,
                median < TARGET_MILLIS ? "met" : "MISSED");
    }
}
