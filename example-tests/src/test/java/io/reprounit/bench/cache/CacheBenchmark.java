package io.reprounit.bench.cache;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * What the step cache saves where it matters most: a pipeline with a slow training step and a cheap evaluation,
 * checked again after a change to the evaluation's code only. Per pair, fresh JVMs, alternating order: a store that
 * holds a check of the pipeline before the change is copied twice; the changed pipeline is checked once with the cache
 * on (training served, evaluation run) and once with it off (every step run, as on CI).
 *
 * <pre>
 * mvn -B -q -o -pl example-tests -am test-compile -Pcache-benchmark -Dcache.pairs=5
 * </pre>
 *
 * The training's work is calibrated on this machine to about {@code -Dcache.trainSeconds} (default 3) per run.
 */
public final class CacheBenchmark {

    private static final String TRAINING = """
            package bench;

            import io.reprounit.api.Input;
            import io.reprounit.api.Param;
            import io.reprounit.api.ReproducibleRun;
            import io.reprounit.api.Step;
            import java.util.Random;

            @ReproducibleRun
            public class Training {
                @Step
                static double[][] load(Random random) {
                    double[][] rows = new double[100_000][];
                    for (int i = 0; i < rows.length; i++) {
                        double x = random.nextDouble();
                        rows[i] = new double[] {x, 3 * x + 1 + random.nextGaussian() * 0.1};
                    }
                    return rows;
                }

                @Step
                static double[] train(@Input("load") double[][] rows, @Param("epochs") int epochs) {
                    return Fit.fit(rows, epochs);
                }

                @Step
                static String evaluate(@Input("train") double[] model, @Input("load") double[][] rows) {
                    double loss = 0;
                    for (double[] row : rows) {
                        double error = model[0] * row[0] + model[1] - row[1];
                        loss += error * error;
                    }
                    return EVALUATION;
                }
            }
            """;

    private static final String FIT = """
            package bench;

            public final class Fit {
                public static double[] fit(double[][] rows, int epochs) {
                    double w = 0;
                    double b = 0;
                    for (int epoch = 0; epoch < epochs; epoch++) {
                        double gw = 0;
                        double gb = 0;
                        for (double[] row : rows) {
                            double error = w * row[0] + b - row[1];
                            gw += error * row[0];
                            gb += error;
                        }
                        w -= 0.5 * gw / rows.length;
                        b -= 0.5 * gb / rows.length;
                    }
                    return new double[] {w, b};
                }
            }
            """;

    private CacheBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("cache.pairs", 5);
        double trainSeconds = Double.parseDouble(System.getProperty("cache.trainSeconds", "3"));
        Path root = Path.of(System.getProperty("cache.dir", "target/cache-benchmark")).toAbsolutePath();
        deleteTree(root);
        int epochs = calibrate(root, trainSeconds);
        Path before = compile(root.resolve("before"), "\"loss \" + loss / rows.length", epochs);
        Path after = compile(root.resolve("after"), "String.format(java.util.Locale.ROOT, \"mean squared error %.6f\","
                + " loss / rows.length)", epochs);
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Double> onOwn = new ArrayList<>();
        List<Double> offOwn = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> ownRatios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            Path recorded = root.resolve("pair" + pair + "/recorded");
            String[] first = check(before, recorded, "on");
            require(first, 0, "the first check of the pipeline before the change");
            copyTree(recorded, root.resolve("pair" + pair + "/on"));
            copyTree(recorded, root.resolve("pair" + pair + "/off"));
            String[] withCache;
            String[] without;
            if (pair % 2 == 0) {
                withCache = check(after, root.resolve("pair" + pair + "/on"), "on");
                without = check(after, root.resolve("pair" + pair + "/off"), "off");
            } else {
                without = check(after, root.resolve("pair" + pair + "/off"), "off");
                withCache = check(after, root.resolve("pair" + pair + "/on"), "on");
            }
            require(withCache, 2, "the check with the cache (load and train served)");
            require(without, 0, "the check without the cache");
            double onMillis = Double.parseDouble(withCache[0]);
            double offMillis = Double.parseDouble(without[0]);
            on.add(onMillis);
            off.add(offMillis);
            onOwn.add(Double.parseDouble(withCache[1]));
            offOwn.add(Double.parseDouble(without[1]));
            ratios.add(offMillis / onMillis);
            ownRatios.add(Double.parseDouble(without[1]) / Double.parseDouble(withCache[1]));
            System.out.printf(Locale.ROOT, "pair %d: with the cache %.2f s (own check %.2f s), without %.2f s (own %.2f s)%n",
                    pair + 1, onMillis / 1000, onOwn.get(pair) / 1000, offMillis / 1000, offOwn.get(pair) / 1000);
        }
        System.out.printf(Locale.ROOT, "%nCache benchmark, %d pairs of fresh JVMs, training about %.1f s per run (%d epochs)"
                + "%n| | with the cache | without | ratio |%n|---|---|---|---|%n"
                + "| whole JVM | %.2f s | %.2f s | %.1f× |%n| the pipeline's own check | %.2f s | %.2f s | %.1f× |%n",
                pairs, trainSeconds, epochs, median(on) / 1000, median(off) / 1000, median(ratios), median(onOwn) / 1000,
                median(offOwn) / 1000, median(ownRatios));
    }

    /** The epochs that make one training take about {@code seconds} here, measured in this JVM. */
    private static int calibrate(Path root, double seconds) throws Exception {
        Path classes = compile(root.resolve("calibrate"), "\"\"", 1);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                CacheBenchmark.class.getClassLoader())) {
            var fit = loader.loadClass("bench.Fit").getMethod("fit", double[][].class, int.class);
            double[][] rows = new double[100_000][];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new double[] {random.nextDouble(), random.nextDouble()};
            }
            fit.invoke(null, rows, 200); // warm
            long started = System.nanoTime();
            fit.invoke(null, rows, 400);
            double perEpoch = (System.nanoTime() - started) / 1e9 / 400;
            return (int) Math.max(1, Math.round(seconds / perEpoch));
        }
    }

    private static void require(String[] result, int hits, String what) {
        if (Integer.parseInt(result[2]) != hits || Integer.parseInt(result[4]) != 0 || Integer.parseInt(result[3]) != 3) {
            throw new IllegalStateException(what + " should pass its 3 steps with " + hits + " served from the cache: "
                    + String.join(" ", result));
        }
    }

    private static String[] check(Path classes, Path store, String cache) throws IOException, InterruptedException {
        Files.createDirectories(store);
        String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, CacheCheckJvm.class.getName(), store.toString(), cache)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The check JVM failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("check ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No result from the check JVM: " + output));
        return line.substring("check ".length()).split(" ");
    }

    private static Path compile(Path root, String evaluation, int epochs) throws IOException {
        Path sources = Files.createDirectories(root.resolve("src/bench"));
        Path classes = Files.createDirectories(root.resolve("classes/bench"));
        Files.writeString(sources.resolve("Training.java"), TRAINING.replace("EVALUATION", evaluation));
        Files.writeString(sources.resolve("Fit.java"), FIT);
        Files.writeString(classes.resolve("Training.yaml"), "seed: 11\nparams:\n  epochs: " + epochs + "\n");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", root.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none", sources.resolve("Training.java").toString(),
                sources.resolve("Fit.java").toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + sources);
        }
        return root.resolve("classes");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
