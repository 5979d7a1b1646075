package io.reprounit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The example pipelines checked with {@code reprounit.execution.parallel.enabled} off and on, each sample a fresh JVM
 * that checks all of them once through the JUnit Platform launcher, as {@code mvn test} does; in pairs run one right
 * after the other, in alternating order, so that a shared machine's load falls on both of a pair alike. Reports the
 * medians and the median of the pairs' ratios.
 *
 * <p>Run: {@code mvn -B -q -o -pl example-tests -am test-compile -Pparallel-examples -Dparallel.pairs=5}
 */
public final class ParallelExamples {

    private static final List<String> PIPELINES = List.of(
            "io.reprounit.examples.iris.IrisPipelineTest",
            "io.reprounit.examples.segmentation.CustomerSegmentationPipelineTest",
            "io.reprounit.examples.ensemble.BaggedEnsemblePipelineTest",
            "io.reprounit.examples.cleaning.SensorCleaningPipelineTest");

    private ParallelExamples() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(Boolean.parseBoolean(args[1]));
            return;
        }
        int pairs = Integer.getInteger("parallel.pairs", 5);
        Path scratch = Files.createTempDirectory("reprounit-parallel");
        List<Double> sequential = new ArrayList<>();
        List<Double> parallel = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            boolean parallelFirst = pair % 2 == 1;
            double first = sample(parallelFirst, scratch, pair);
            double second = sample(!parallelFirst, scratch, pair);
            double seq = parallelFirst ? second : first;
            double par = parallelFirst ? first : second;
            sequential.add(seq);
            parallel.add(par);
            ratios.add(par / seq);
            System.out.printf(Locale.ROOT, "pair %d: sequential %.2f s, parallel %.2f s%n", pair + 1, seq, par);
        }
        System.out.printf(Locale.ROOT, "%nMedians of %d pairs of fresh JVMs on %d processors: sequential %.2f s, parallel"
                + " %.2f s, parallel/sequential %.2f%n", pairs, Runtime.getRuntime().availableProcessors(),
                median(sequential), median(parallel), median(ratios));
    }

    /** One fresh JVM checking every example pipeline; its wall time in seconds, from start to exit. */
    private static double sample(boolean parallel, Path scratch, int pair) throws IOException, InterruptedException {
        Path store = scratch.resolve((parallel ? "parallel-" : "sequential-") + pair + ".db");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dreprounit.store.url=jdbc:sqlite:" + store,
                "-Dreprounit.artifacts.dir=" + scratch.resolve("artifacts"),
                "-cp", System.getProperty("java.class.path"), ParallelExamples.class.getName(), "child",
                Boolean.toString(parallel));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The " + (parallel ? "parallel" : "sequential") + " check failed:\n" + output);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void child(boolean parallel) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("reprounit.execution.parallel.enabled", Boolean.toString(parallel));
        PIPELINES.forEach(name -> request.selectors(selectClass(name)));
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(built, summary);
        if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount() == 0) {
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
            System.exit(1);
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
