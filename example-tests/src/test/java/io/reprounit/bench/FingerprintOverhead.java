package io.reprounit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * What fingerprinting adds to a check of the example pipelines, with {@code reprounit.fingerprint.enabled} on and off,
 * in pairs run one right after the other, so that a shared machine's changing load falls on both of a pair alike; the
 * figure is the median of the pairs' ratios, for the check's wall time and for the JVM's CPU time.
 *
 * <ul>
 *   <li><b>fresh JVM</b>: each sample is a new JVM that checks every example pipeline once, so it pays the per-JVM work
 *       (git status, jar digests, environment) as a {@code mvn test} does. The git parts are those of a scratch clone
 *       of this repository holding a copy of the compiled examples, so that the benchmark may commit there and no
 *       edit in the real working tree moves the figures:
 *       <ul>
 *         <li><b>unchanged tree</b>: the git parts come from the cache of an earlier JVM;
 *         <li><b>right after a commit</b>: before each sample an edit is committed, leaving the tree clean, as in
 *             {@code git commit && mvn test};
 *         <li><b>after an edit</b>: before each sample a tracked file is edited and left uncommitted.
 *       </ul>
 *   <li><b>warm JVM</b>: repeated checks in one JVM, where the per-JVM parts are already taken and only the per-step
 *       work (bytecode, parameters, data snapshots) remains.
 * </ul>
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl example-tests test-compile exec:exec@fingerprint-overhead},
 * with {@code -Dfingerprint.pairs=101} for more pairs on an unchanged tree than the default 41, and
 * {@code -Dfingerprint.changedPairs=41} for more after a commit and after an edit than the default 11.
 */
public final class FingerprintOverhead {

    private static final String EXAMPLES = "io.reprounit.examples";
    /** Pairs of fresh JVMs for an unchanged tree, unless the first argument says otherwise. */
    private static final int UNCHANGED_PAIRS = 41;
    /** Pairs of fresh JVMs after a commit, and after an edit, unless the second argument says otherwise. */
    private static final int CHANGED_PAIRS = 11;
    private static final int WARM_SAMPLES = 61;
    private static final long RACY_MILLIS = 2_100;
    /** The tracked file the benchmark edits in its scratch clone. */
    private static final String EDITED = "README.md";

    private FingerprintOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            Path store = storeDirectory();
            double wall = checkMillis(Boolean.parseBoolean(args[1]), store);
            // Read after the check, so that what they load cannot hide what fingerprinting loads.
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            System.out.println(wall + " " + cpu + " " + fingerprintThreadsCpuMillis());
            delete(store);
            return;
        }
        int unchangedPairs = args.length >= 1 ? Integer.parseInt(args[0]) : UNCHANGED_PAIRS;
        int changedPairs = args.length >= 2 ? Integer.parseInt(args[1]) : CHANGED_PAIRS;
        Path scratch = Files.createTempDirectory("reprounit-bench-repository");
        String classPath = scratchClassPath(scratch);
        // Files written just now are racily clean to git and to the cache: let two seconds pass, then let one JVM
        // remember the git parts, as the first test run after a checkout does.
        Thread.sleep(RACY_MILLIS);
        inFreshJvm(classPath, true);

        List<Sample> fresh = new ArrayList<>();
        List<Sample> committed = new ArrayList<>();
        List<Sample> edited = new ArrayList<>();
        try (Git git = Git.open(scratch.toFile())) {
            for (int sample = 0; sample < unchangedPairs; sample++) {
                fresh.add(freshPair(classPath, sample));
            }
            for (int sample = 0; sample < changedPairs; sample++) {
                edit(scratch, sample);
                git.add().addFilepattern(EDITED).call();
                git.commit().setMessage("benchmark commit " + sample).setSign(false).call();
                Thread.sleep(RACY_MILLIS); // Maven's own start takes longer than this after a commit
                committed.add(freshPair(classPath, sample));
            }
            for (int sample = 0; sample < changedPairs; sample++) {
                edit(scratch, changedPairs + sample);
                Thread.sleep(RACY_MILLIS);
                edited.add(freshPair(classPath, sample));
            }
        }
        report("fresh JVM, unchanged tree (one check of every example pipeline per JVM)", fresh);
        report("fresh JVM, right after a commit that leaves the tree clean", committed);
        report("fresh JVM, after an uncommitted edit of a tracked file", edited);
        delete(scratch);

        Path store = storeDirectory();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            checkMillis(true, store);
            checkMillis(false, store);
        }
        List<Sample> warm = new ArrayList<>();
        for (int sample = 0; sample < WARM_SAMPLES; sample++) {
            boolean onFirst = sample % 2 == 0; // so that neither pays for the garbage the other left
            double first = checkMillis(onFirst, store);
            double second = checkMillis(!onFirst, store);
            warm.add(new Sample(onFirst ? first : second, onFirst ? second : first, Double.NaN, Double.NaN, Double.NaN));
        }
        report("warm JVM (repeated checks)", warm);
        delete(store);
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

    /**
     * A clone of the repository holding the compiled examples, with a copy of them at the same place, and the class path
     * that loads the examples from there: so that the git parts are the clone's.
     */
    private static String scratchClassPath(Path scratch) throws Exception {
        Path examples = Path.of(FingerprintOverhead.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repository = examples;
        while (!Files.isDirectory(repository.resolve(".git"))) {
            repository = repository.getParent();
            if (repository == null) {
                throw new IllegalStateException(examples + " is not inside a git repository");
            }
        }
        Git.cloneRepository().setURI(repository.toUri().toString()).setDirectory(scratch.toFile()).call().close();
        Path copy = scratch.resolve(repository.relativize(examples));
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(examples.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            boolean isExamples = !entry.isBlank() && Path.of(entry).toAbsolutePath().normalize().equals(examples);
            entries.add(isExamples ? copy.toString() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Changes a tracked file as an editor would have some seconds ago: old enough not to be racily clean. */
    private static void edit(Path scratch, int sample) throws IOException {
        Path file = scratch.resolve(EDITED);
        Files.writeString(file, Files.readString(file) + "\n<!-- benchmark edit " + sample + " -->\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    }

    /**
     * One JVM with fingerprints and one without, one right after the other, so that both see the same load on a shared
     * machine; which goes first alternates, so that neither profits from what the other left in the file cache.
     */
    private static Sample freshPair(String classPath, int sample) throws IOException, InterruptedException {
        boolean onFirst = sample % 2 == 0;
        double[] first = inFreshJvm(classPath, onFirst);
        double[] second = inFreshJvm(classPath, !onFirst);
        double[] on = onFirst ? first : second;
        double[] off = onFirst ? second : first;
        return new Sample(on[0], off[0], on[1], off[1], on[2]);
    }

    /**
     * Wall time of the check and CPU time of the whole JVM, in milliseconds, with and without fingerprints, and the CPU
     * time of ReproUnit's fingerprint threads in the JVM with fingerprints.
     */
    private record Sample(double wallOn, double wallOff, double cpuOn, double cpuOff, double fingerprintThreads) {}

    /**
     * What the background fingerprint threads cost, measured directly: a figure the machine's noise moves far less than
     * the difference of two JVMs' times. It leaves out the check thread's own fingerprint work (data digests, waiting
     * for a part), which the wall-time ratio includes.
     */
    private static long fingerprintThreadsCpuMillis() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("reprounit-fingerprint")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return nanos / 1_000_000;
    }

    /** The check's wall time, the JVM's CPU time and its fingerprint threads' CPU time, in milliseconds. */
    private static double[] inFreshJvm(String classPath, boolean fingerprints) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath,
                FingerprintOverhead.class.getName(), "--once", Boolean.toString(fingerprints))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The measuring JVM failed: " + output);
        }
        String[] lines = output.split("\\R");
        String[] figures = lines[lines.length - 1].split(" ");
        return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1]),
                Double.parseDouble(figures[2])};
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path storeDirectory() throws IOException {
        return Files.createTempDirectory("reprounit-bench");
    }

    /**
     * The median of the pairs' ratios, which a load that changes between pairs does not move, with a 90 % confidence
     * interval for it; the CPU time of the whole JVM (JIT and GC threads included); and the fingerprint threads' CPU.
     */
    private static void report(String what, List<Sample> samples) {
        List<Double> wall = samples.stream().map(s -> 100 * (s.wallOn() / s.wallOff() - 1)).toList();
        System.out.printf(Locale.ROOT, "%s, %d pairs:%n  wall time of the check %+.1f %% (%s; medians %.0f ms with"
                        + " fingerprints, %.0f ms without)%n",
                what, samples.size(), median(wall), interval(wall),
                median(samples.stream().map(Sample::wallOn).toList()),
                median(samples.stream().map(Sample::wallOff).toList()));
        if (samples.stream().allMatch(s -> s.cpuOn() > 0 && s.cpuOff() > 0)) {
            List<Double> cpu = samples.stream().map(s -> 100 * (s.cpuOn() / s.cpuOff() - 1)).toList();
            List<Double> threads = samples.stream().map(Sample::fingerprintThreads).toList();
            List<Double> share = samples.stream().map(s -> 100 * s.fingerprintThreads() / s.cpuOn()).toList();
            System.out.printf(Locale.ROOT, "  CPU time of the JVM %+.1f %% (%s)%n"
                            + "  fingerprint threads: %.0f ms of CPU, %.1f %% of the JVM's (%s)%n",
                    median(cpu), interval(cpu), median(threads), median(share), interval(share));
        }
    }

    /**
     * A distribution-free 90 % confidence interval for the median: the order statistics n/2 ± 1.645·√n/2 of the sorted
     * values. With few values it is wide, as it should be.
     */
    private static String interval(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double half = 1.645 * Math.sqrt(n) / 2;
        int lower = Math.max(1, (int) Math.round(n / 2.0 - half));
        int upper = Math.min(n, (int) Math.round(n / 2.0 + 1 + half));
        return String.format(Locale.ROOT, "90 %% interval %+.1f to %+.1f %%", sorted.get(lower - 1), sorted.get(upper - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
