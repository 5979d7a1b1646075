package io.reprounit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * What fingerprinting adds to a check of the example pipelines, with {@code reprounit.fingerprint.enabled} on and off,
 * alternating so that machine noise falls on both alike.
 *
 * <ul>
 *   <li><b>fresh JVM</b>: each sample is a new JVM that checks every example pipeline once, so it pays the per-JVM work
 *       (git status, jar digests, environment) as a {@code mvn test} does;
 *   <li><b>warm JVM</b>: repeated checks in one JVM, where the per-JVM parts are already taken and only the per-step
 *       work (bytecode, parameters, data snapshots) remains.
 * </ul>
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl example-tests test-compile exec:exec@fingerprint-overhead}.
 */
public final class FingerprintOverhead {

    private static final String EXAMPLES = "io.reprounit.examples";
    private static final int FRESH_SAMPLES = 9;
    private static final int WARM_SAMPLES = 15;

    private FingerprintOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            System.out.println(checkMillis(Boolean.parseBoolean(args[1]), storeDirectory()));
            return;
        }
        List<Double> freshOn = new ArrayList<>();
        List<Double> freshOff = new ArrayList<>();
        for (int sample = 0; sample < FRESH_SAMPLES; sample++) {
            freshOn.add(inFreshJvm(true));
            freshOff.add(inFreshJvm(false));
        }
        report("fresh JVM (one check of every example pipeline per JVM)", freshOn, freshOff);

        Path store = storeDirectory();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            checkMillis(true, store);
            checkMillis(false, store);
        }
        List<Double> warmOn = new ArrayList<>();
        List<Double> warmOff = new ArrayList<>();
        for (int sample = 0; sample < WARM_SAMPLES; sample++) {
            warmOn.add(checkMillis(true, store));
            warmOff.add(checkMillis(false, store));
        }
        report("warm JVM (repeated checks)", warmOn, warmOff);
    }

    /** Wall time of discovering and checking every example pipeline once, in milliseconds. */
    private static double checkMillis(boolean fingerprints, Path store) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(EXAMPLES))
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines("reprounit"))
                .configurationParameters(Map.of(
                        "reprounit.fingerprint.enabled", Boolean.toString(fingerprints),
                        "reprounit.baseline.mode", "none",
                        "reprounit.store.url", "jdbc:sqlite:" + store.resolve("metadata.db")))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long started = System.nanoTime();
        launcher.execute(request, summary);
        double millis = (System.nanoTime() - started) / 1e6;
        if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount() == 0) {
            throw new IllegalStateException("The example pipelines did not all pass, so the timing means nothing: "
                    + summary.getSummary().getTestsFailedCount() + " failed, "
                    + summary.getSummary().getTestsSucceededCount() + " succeeded");
        }
        return millis;
    }

    private static double inFreshJvm(boolean fingerprints) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FingerprintOverhead.class.getName(), "--once", Boolean.toString(fingerprints))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The measuring JVM failed: " + output);
        }
        String[] lines = output.split("\\R");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    private static Path storeDirectory() throws IOException {
        return Files.createTempDirectory("reprounit-bench");
    }

    private static void report(String what, List<Double> on, List<Double> off) {
        double medianOn = median(on);
        double medianOff = median(off);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms with fingerprints, %.0f ms without: +%.1f %% (%d samples each)%n",
                what, medianOn, medianOff, 100 * (medianOn / medianOff - 1), on.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
