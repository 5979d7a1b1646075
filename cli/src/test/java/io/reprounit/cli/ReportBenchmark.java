package io.reprounit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20's targets: the report over a store of 10,000 checks of 20 steps generated in under 2 s (open the store,
 * query, write the page, as {@code reprounit report} does), under 5 MB, and rendered by headless Chromium in under 1 s
 * (from navigation start to the end of the page's script, as the page itself measures it). Run from the top of the
 * repository with
 * <pre>
 * mvn -B -q -o -pl cli -am test-compile -Preport-benchmark
 * </pre>
 * It writes under {@code cli/target/report-benchmark} and reuses the store it built there before.
 */
public final class ReportBenchmark {

    private static final int WARM_UP = 2;
    private static final int MEASURED = 5;

    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(System.getProperty("reprounit.bench.dir", "target/report-benchmark")).toAbsolutePath();
        Files.createDirectories(directory);
        System.out.printf("Java %s, %d processors, under %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), directory);
        Path database = directory.resolve("report-10k.db");
        String url = "jdbc:sqlite:" + database;
        if (!Files.exists(database)) {
            long started = System.nanoTime();
            ReportBenchmarkStore.build(url);
            System.out.printf("built a store of %,d checks of %d steps in %.1f s (%,d bytes)%n",
                    ReportBenchmarkStore.CHECKS, ReportBenchmarkStore.STEPS, millis(started) / 1000,
                    Files.size(database));
        }
        Path page = directory.resolve("reprounit-report.html");
        double[] generation = new double[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            long started = System.nanoTime();
            StringWriter err = new StringWriter();
            int status = ReproUnitCli.run(new String[] {"report", "--store", url, "--output", page.toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (status != 0) {
                throw new IllegalStateException("report failed: " + err);
            }
            if (i >= 0) {
                generation[i] = millis(started);
            }
        }
        System.out.printf("report generation (open store, query, write page): median %.0f ms, max %.0f ms"
                + " (target 2,000 ms)%n", median(generation), Arrays.stream(generation).max().orElseThrow());
        System.out.printf("page size: %,d bytes (target 5,000,000)%n", Files.size(page));

        Chromium chromium = Chromium.find(directory.resolve("profiles"));
        Pattern ready = Pattern.compile("data-ready-millis=\"([0-9.]+)\"");
        double[] rendering = new double[MEASURED];
        double[] wall = new double[MEASURED];
        for (int i = -1; i < MEASURED; i++) {
            long started = System.nanoTime();
            String dom = chromium.dumpDom(page.toUri().toString());
            double elapsed = millis(started);
            Matcher matcher = ready.matcher(dom);
            if (!matcher.find()) {
                throw new IllegalStateException("the page did not finish rendering");
            }
            if (i >= 0) {
                rendering[i] = Double.parseDouble(matcher.group(1));
                wall[i] = elapsed;
            }
        }
        System.out.printf("Chromium rendering (navigation start to the page drawn): median %.0f ms, max %.0f ms"
                + " (target 1,000 ms)%n", median(rendering), Arrays.stream(rendering).max().orElseThrow());
        System.out.printf("whole headless Chromium process (start, load, render, dump, exit): median %.0f ms%n",
                median(wall));
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
