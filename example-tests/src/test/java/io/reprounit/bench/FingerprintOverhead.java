package io.reprounit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
 * alternating so that machine noise falls on both alike.
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
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl example-tests test-compile exec:exec@fingerprint-overhead}.
 */
public final class FingerprintOverhead {

    private static final String EXAMPLES = "io.reprounit.examples";
    private static final int FRESH_SAMPLES = 9;
    private static final int WARM_SAMPLES = 15;
    private static final long RACY_MILLIS = 2_100;
    /** The tracked file the benchmark edits in its scratch clone. */
    private static final String EDITED = "README.md";

    private FingerprintOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            Path store = storeDirectory();
            System.out.println(checkMillis(Boolean.parseBoolean(args[1]), store));
            delete(store);
            return;
        }
        Path scratch = Files.createTempDirectory("reprounit-bench-repository");
        String classPath = scratchClassPath(scratch);
        // Files written just now are racily clean to git and to the cache: let two seconds pass, then let one JVM
        // remember the git parts, as the first test run after a checkout does.
        Thread.sleep(RACY_MILLIS);
        inFreshJvm(classPath, true);

        List<Double> freshOn = new ArrayList<>();
        List<Double> freshOff = new ArrayList<>();
        List<Double> committedOn = new ArrayList<>();
        List<Double> committedOff = new ArrayList<>();
        List<Double> editedOn = new ArrayList<>();
        List<Double> editedOff = new ArrayList<>();
        try (Git git = Git.open(scratch.toFile())) {
            for (int sample = 0; sample < FRESH_SAMPLES; sample++) {
                freshOn.add(inFreshJvm(classPath, true));
                freshOff.add(inFreshJvm(classPath, false));
            }
            for (int sample = 0; sample < FRESH_SAMPLES; sample++) {
                edit(scratch, sample);
                git.add().addFilepattern(EDITED).call();
                git.commit().setMessage("benchmark commit " + sample).setSign(false).call();
                Thread.sleep(RACY_MILLIS); // Maven's own start takes longer than this after a commit
                committedOn.add(inFreshJvm(classPath, true));
                committedOff.add(inFreshJvm(classPath, false));
            }
            for (int sample = 0; sample < FRESH_SAMPLES; sample++) {
                edit(scratch, FRESH_SAMPLES + sample);
                Thread.sleep(RACY_MILLIS);
                editedOn.add(inFreshJvm(classPath, true));
                editedOff.add(inFreshJvm(classPath, false));
            }
        }
        report("fresh JVM, unchanged tree (one check of every example pipeline per JVM)", freshOn, freshOff);
        report("fresh JVM, right after a commit that leaves the tree clean", committedOn, committedOff);
        report("fresh JVM, after an uncommitted edit of a tracked file", editedOn, editedOff);
        delete(scratch);

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

    private static double inFreshJvm(String classPath, boolean fingerprints) throws IOException, InterruptedException {
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
        return Double.parseDouble(lines[lines.length - 1]);
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

    private static void report(String what, List<Double> on, List<Double> off) {
        double medianOn = median(on);
        double medianOff = median(off);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms with fingerprints, %.0f ms without: %+.1f %% (%d samples each)%n",
                what, medianOn, medianOff, 100 * (medianOn / medianOff - 1), on.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
