package io.reprounit.bench.large;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a check costs against the pipeline's own work, for pipelines with large outputs: per case, pairs of fresh JVMs,
 * one running the steps twice by hand ({@link PlainJvm}, "plain") and one checking the pipeline with the engine
 * ({@link CheckJvm}, "check"), one right after the other and in alternating order, so that a shared machine's load
 * falls on both alike. It prints medians of the pairs: whole-JVM wall times (what a user waits for: JVM start, class
 * loading, fingerprints included), in-JVM times (steps, or launcher execute), their ratios, peak resident memory
 * ({@code VmHWM}), the time from the last step's end to the verdict, and what the check left in its store.
 *
 * <p>Run from the repository's root (no install needed; the reactor builds the engine):
 * <pre>
 * mvn -B -q -o -pl example-tests -am test-compile -Plarge-outputs -Dlarge.cases=double128,records1m -Dlarge.pairs=3
 * </pre>
 * Cases: double128, records1m, double300, double1g (its JVMs get -Xmx3g), chain100k, chain1m, diverge128 (must fail;
 * its whole message is left in {@code example-tests/target/large-outputs/diverge128-failure.txt}). Extra options for
 * every child JVM: {@code -Dlarge.jvmOptions="-Xmx2g -XX:+UseSerialGC"}. With {@code -Dlarge.warm=true} each check JVM
 * checks a small pipeline first in the same launcher execution, as every pipeline but the first of a test run is
 * checked: the "pipeline" column is then the engine's cost per pipeline once the JVM, launcher and store are warm.
 * With {@code -Dlarge.floor=true} each pair gets a third JVM, {@link PlainJvm} with the JUnit Platform started first
 * (Jupiter alone, which runs nothing): the lowest a check through the platform could cost, whatever the engine does.
 */
public final class LargeOutputs {

    /** Whether each check JVM checks a small pipeline first, in the same execution ({@code -Dlarge.warm=true}). */
    static final boolean WARM = Boolean.getBoolean("large.warm");

    /** Whether each pair also measures the platform's floor ({@code -Dlarge.floor=true}). */
    static final boolean FLOOR = Boolean.getBoolean("large.floor");

    private LargeOutputs() {}

    public static void main(String[] args) throws Exception {
        List<LargeCase> cases = Arrays.stream(System.getProperty("large.cases", "double128,records1m").split(","))
                .map(String::strip).filter(id -> !id.isEmpty()).map(LargeCase::byId).toList();
        int pairs = Integer.parseInt(System.getProperty("large.pairs", "3"));
        Path work = Path.of(System.getProperty("large.dir", "target/large-outputs")).toAbsolutePath();
        List<String> extraOptions = Arrays.stream(System.getProperty("large.jvmOptions", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        Files.createDirectories(work);
        List<String> rows = new ArrayList<>();
        List<String> floors = new ArrayList<>();
        for (LargeCase largeCase : cases) {
            List<Pair> measured = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                measured.add(pair(largeCase, pair % 2 == 0, work, extraOptions));
                Pair last = measured.get(measured.size() - 1);
                // Every figure of the pair, so that a run stopped early still leaves what it measured.
                System.err.printf(Locale.ROOT, "%s pair %d: plain %.1f s (steps %.1f s, %d MiB), check %.1f s"
                                + " (execute %.1f s, %d MiB, last step to verdict %.2f s, artifacts %d KiB, store %d KiB),"
                                + " %s%n", largeCase.id, pair + 1,
                        last.plain.wallMillis / 1e3, last.plain.innerMillis / 1e3, last.plain.peakKib / 1024,
                        last.check.wallMillis / 1e3, last.check.innerMillis / 1e3, last.check.peakKib / 1024,
                        last.check.afterRunsMillis / 1e3, last.check.artifactBytes / 1024,
                        last.check.storeBytes / 1024, last.check.outcome);
            }
            rows.add(LargeTable.row(largeCase, measured));
            if (FLOOR) {
                floors.add(LargeTable.floorRow(largeCase, measured));
            }
        }
        System.out.println(LargeTable.render(pairs, rows, WARM));
        if (FLOOR) {
            System.out.println("\n" + LargeTable.renderFloors(floors));
        }
        // So that nobody mistakes which engine was measured: the reactor's classes, or an installed jar.
        System.out.println("\nengine: " + Class.forName("io.reprounit.engine.ReproUnitTestEngine")
                .getProtectionDomain().getCodeSource().getLocation() + ", git " + gitHead());
    }

    /** A plain JVM and a check JVM, one right after the other; {@code plainFirst} alternates between pairs. */
    private static Pair pair(LargeCase largeCase, boolean plainFirst, Path work, List<String> extraOptions)
            throws IOException, InterruptedException {
        Child first = plainFirst ? plain(largeCase, extraOptions) : check(largeCase, work, extraOptions);
        Child second = plainFirst ? check(largeCase, work, extraOptions) : plain(largeCase, extraOptions);
        Child floor = FLOOR ? floor(largeCase, extraOptions) : null;
        return new Pair(plainFirst ? first : second, plainFirst ? second : first, floor);
    }

    /** @param floor the plain JVM with the JUnit Platform started first; null unless {@code -Dlarge.floor=true} */
    record Pair(Child plain, Child check, Child floor) {}

    /**
     * What a child JVM reported: its whole-process wall time (measured here), its own time of the work, its peak
     * resident memory; for a check, the time from the last step's end to the verdict, the artifact store's and the
     * whole store's sizes, and whether it passed, with the first failure.
     */
    record Child(double wallMillis, double innerMillis, long peakKib, double afterRunsMillis, long artifactBytes,
            long storeBytes, double pipelineMillis, String outcome) {}

    private static Child plain(LargeCase largeCase, List<String> extraOptions) throws IOException, InterruptedException {
        String[] figures = run(largeCase, extraOptions, PlainJvm.class, largeCase.id);
        return new Child(Double.parseDouble(figures[0]), Double.parseDouble(figures[2]), Long.parseLong(figures[3]),
                Double.NaN, -1, -1, Double.NaN, "");
    }

    private static Child floor(LargeCase largeCase, List<String> extraOptions) throws IOException, InterruptedException {
        String[] figures = run(largeCase, extraOptions, PlainJvm.class, largeCase.id, "platform");
        return new Child(Double.parseDouble(figures[0]), Double.parseDouble(figures[2]), Long.parseLong(figures[3]),
                Double.NaN, -1, -1, Double.NaN, "");
    }

    private static Child check(LargeCase largeCase, Path work, List<String> extraOptions)
            throws IOException, InterruptedException {
        Path store = work.resolve(largeCase.id);
        delete(store); // each check starts from an empty store, so that nothing is deduplicated against an earlier one
        Files.createDirectories(store);
        String[] figures = run(largeCase, extraOptions, CheckJvm.class, largeCase.id, store.toString(),
                WARM ? "warm" : "cold");
        String outcome = String.join(" ", Arrays.asList(figures).subList(9, figures.length));
        return new Child(Double.parseDouble(figures[0]), Double.parseDouble(figures[2]), Long.parseLong(figures[3]),
                Double.parseDouble(figures[4]), Long.parseLong(figures[5]), Long.parseLong(figures[6]),
                Double.parseDouble(figures[7]),
                figures[8] + (figures[8].equals(largeCase.diverges ? "failed" : "passed") ? "" : " (UNEXPECTED)")
                        + " " + outcome);
    }

    /** Runs a child JVM; its wall time in ms, then the fields of its last line of output. */
    private static String[] run(LargeCase largeCase, List<String> extraOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(largeCase.jvmOptions);
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        int exit = process.waitFor();
        double wallMillis = (System.nanoTime() - started) / 1e6;
        String[] lines = output.split("\\R");
        String last = lines[lines.length - 1];
        if (exit != 0 || !last.startsWith(main == PlainJvm.class ? "plain " : "check ")) {
            throw new IllegalStateException(main.getSimpleName() + " " + largeCase.id + " exited with " + exit
                    + ": " + output);
        }
        List<String> fields = new ArrayList<>();
        fields.add(Double.toString(wallMillis));
        fields.addAll(List.of(last.split(" ")));
        return fields.toArray(String[]::new);
    }

    private static String gitHead() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").start();
            String head = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? head : "(unknown)";
        } catch (IOException | InterruptedException e) {
            return "(unknown)";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
