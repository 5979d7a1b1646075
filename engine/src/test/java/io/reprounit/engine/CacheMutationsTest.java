package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.fingerprint.LibraryJars;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The step cache's mutation suite: a pipeline is checked, one thing it depends on is changed, and it is checked again.
 * Exactly the step that depends on the change and the steps downstream of it must run again — no false hit (a step
 * served although what it depends on changed) and no needless miss (a step run again although nothing it depends on
 * did). The pipeline is compiled here, so that its code can change between checks as a developer's does.
 *
 * <pre>
 *   load ─► clean ─► train ─► report
 *     └───► summary
 * </pre>
 *
 * <p>Two jars are built here too and put on the pipeline's class path: {@code test.libs:solver}, whose learning rate
 * {@code train} uses, and {@code test.libs:spare}, which no class names.
 */
class CacheMutationsTest {

    private static final List<String> STEPS = List.of("load", "clean", "summary", "train", "report");

    private static final String FLOW = """
            package demo;

            import io.reprounit.api.Input;
            import io.reprounit.api.Param;
            import io.reprounit.api.ReproducibleRun;
            import io.reprounit.api.Step;
            import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;

            @ReproducibleRun
            public class Flow {
                @Step
                static List<String> load(@Param("rows") Path rows) throws Exception {
                    return Files.readAllLines(rows);
                }

                @Step
                static List<String> clean(@Input("load") List<String> rows) {
                    return rows.stream().map(Helpers::normalize).toList();
                }

                @Step
                static int summary(@Input("load") List<String> rows) {
                    return rows.size();
                }

                @Step
                static double[] train(@Input("clean") List<String> rows, @Param("epochs") int epochs) {
                    double w = 0;
                    for (int epoch = 0; epoch < epochs; epoch++) {
                        for (String row : rows) {
                            w += row.length() * solver.Rate.of(epoch);
                        }
                    }
                    return new double[] {w, epochs};
                }

                @Step
                static String report(@Input("train") double[] model) {
                    return "w=" + model[0] + " after " + (int) model[1] + " epochs";
                }
            }
            """;

    private static final String HELPERS = """
            package demo;

            final class Helpers {
                static String normalize(String row) {
                    return row.strip().toLowerCase(java.util.Locale.ROOT);
                }
            }
            """;

    @TempDir
    Path directory;

    private Path rows;
    private String url;
    /** The jars on the pipeline's class path in the next check: solver's, then spare's. */
    private List<Path> jars;

    @BeforeEach
    void data() throws IOException {
        rows = directory.resolve("rows.csv");
        Files.writeString(rows, "Alpha\n Beta\nGamma \n");
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        jars = List.of(solver("1.0", "0.001"), spare("1.0"));
    }

    /** The jar {@code test.libs:solver} at {@code version}, whose learning rate for an epoch is {@code rate / (epoch + 1)}. */
    private Path solver(String version, String rate) throws IOException {
        return library("solver", version, "solver.Rate", "package solver; public final class Rate {"
                + " public static double of(int epoch) { return " + rate + " / (epoch + 1); } }");
    }

    /** The jar {@code test.libs:spare} at {@code version}: a class that nothing names. */
    private Path spare(String version) throws IOException {
        return library("spare", version, "spare.Unused", "package spare; public final class Unused {"
                + " public static String version() { return \"" + version + "\"; } }");
    }

    private Path library(String artifactId, String version, String className, String source) throws IOException {
        Path classes = LibraryJars.compile(directory.resolve("libs/" + artifactId + "-" + version), List.of(),
                Map.of(className, source));
        return LibraryJars.jar(directory.resolve("repo/" + artifactId + "-" + version + ".jar"), classes, "test.libs",
                artifactId, version);
    }

    /**
     * A new version of a jar that only {@code train} reaches, changing its output: {@code train} and the step
     * downstream of it run, the miss naming the jar; the others are served, the jars that changed being out of their
     * reach.
     */
    @Test
    void aNewVersionOfAJarThatOneStepReachesRunsThatStepAndTheStepsDownstream() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        Checked first = check(classes, Map.of());
        assertThat(first.ran()).isEqualTo(new TreeSet<>(STEPS));
        jars = List.of(solver("1.1", "0.002"), jars.get(1));

        Checked second = check(classes, Map.of());

        assertThat(second.ran()).isEqualTo(ran("train", "report"));
        assertThat(second.entries().get("train"))
                .isEqualTo("miss: jars of step train: test.libs:solver 1.0 → 1.1 (reached by its code) (since check 1)");
        assertThat(second.entries().get("report")).startsWith("miss: ").contains("input @Input(\"train\") changed");
        assertThat(second.entries()).as("served").containsEntry("load", "hit: check 1").containsEntry("clean",
                "hit: check 1").containsEntry("summary", "hit: check 1");
        assertThat(check(classes, Map.of()).ran()).as("served again, unchanged").isEmpty();
    }

    /** A jar that no step reaches may still be loaded by name: a new version of it runs every step. */
    @Test
    void aNewVersionOfAJarThatNoStepReachesRunsEveryStepAndNamesIt() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        check(classes, Map.of());
        jars = List.of(jars.get(0), spare("1.1"));

        Checked second = check(classes, Map.of());

        assertThat(second.ran()).isEqualTo(new TreeSet<>(STEPS));
        assertThat(second.entries().get("load")).isEqualTo("miss: jars of step load: test.libs:spare 1.0 → 1.1 (reached"
                + " by no step, so counted for every step) (since check 1)");
    }

    /** A jar added counts as a changed one: added where no step reaches it, it runs every step. */
    @Test
    void aJarAddedThatNoStepReachesRunsEveryStep() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        jars = List.of(jars.get(0));
        check(classes, Map.of());
        jars = List.of(jars.get(0), spare("1.0"));

        Checked second = check(classes, Map.of());

        assertThat(second.ran()).isEqualTo(new TreeSet<>(STEPS));
        assertThat(second.entries().get("summary")).isEqualTo("miss: jars of step summary: test.libs:spare added (1.0)"
                + " (reached by no step, so counted for every step) (since check 1)");
    }

    @Test
    void aHelperMethodThatOneStepReachesRunsThatStepAndTheStepsDownstream() throws Exception {
        String longer = HELPERS.replace("row.strip()", "(row.strip() + \"!\")");
        assertThat(checkAgainAfter(compile(FLOW, HELPERS), compile(FLOW, longer), Map.of()))
                .isEqualTo(ran("clean", "train", "report"));
    }

    /** Downstream steps are keyed by their inputs' digests: an output that comes out the same serves them still. */
    @Test
    void aChangeThatLeavesAStepsOutputAsItWasRunsThatStepOnly() throws Exception {
        assertThat(checkAgainAfter(compile(FLOW, HELPERS), compile(FLOW, HELPERS.replace("strip()", "trim()")),
                Map.of())).isEqualTo(ran("clean"));
    }

    @Test
    void aParameterRunsTheStepThatTakesItAndTheStepsDownstream() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        assertThat(checkAgainAfter(classes, classes, Map.of("reprounit.param.Flow.train.epochs", "4")))
                .isEqualTo(ran("train", "report"));
    }

    @Test
    void oneByteOfADataFileRunsTheStepThatReadsItAndTheStepsDownstream() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        Checked first = check(classes, Map.of());
        assertThat(first.ran()).isEqualTo(new TreeSet<>(STEPS));
        Files.writeString(rows, "Alpha\n Beta\nGammas \n");

        assertThat(check(classes, Map.of()).ran()).isEqualTo(ran("load", "clean", "summary", "train", "report"));
    }

    @Test
    void theStepsCodeItselfRunsItAndTheStepsDownstreamOnly() throws Exception {
        String changed = FLOW.replace("return rows.size();", "return rows.size() + 0 * rows.hashCode();");
        assertThat(checkAgainAfter(compile(FLOW, HELPERS), compile(changed, HELPERS), Map.of()))
                .isEqualTo(ran("summary"));
    }

    @Test
    void anEditThatLeavesTheBytecodeAsItWasRunsNothing() throws Exception {
        String commented = FLOW.replace("@Step\n    static int summary", "// counts the rows\n    @Step\n    static int summary");
        assertThat(checkAgainAfter(compile(FLOW, HELPERS), compile(commented, HELPERS), Map.of())).isEmpty();
    }

    @Test
    void aListedEnvironmentVariableRunsEveryStepAndNamesIt() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(inJvm(java, classes, Map.of("FLOW_MODE", "fast")).ran()).isEqualTo(new TreeSet<>(STEPS));

        Checked changed = inJvm(java, classes, Map.of("FLOW_MODE", "exact"));

        assertThat(changed.ran()).isEqualTo(new TreeSet<>(STEPS));
        assertThat(changed.entries().get("load")).startsWith("miss: environment: env.FLOW_MODE fast → exact");
        assertThat(inJvm(java, classes, Map.of("FLOW_MODE", "exact")).ran()).as("served again, unchanged").isEmpty();
    }

    @Test
    void anotherJdkRunsEveryStepAndNamesItsVersion() throws Exception {
        Path classes = compile(FLOW, HELPERS);
        Path here = Path.of(System.getProperty("java.home"), "bin", "java");
        Path java25 = Path.of(System.getProperty(JDK25_PROPERTY, JDK25_DEFAULT), "bin", "java");
        assertThat(Files.isExecutable(java25)).as("No JDK 25 at %s: install one, or point the test at one with -D%s",
                java25, JDK25_PROPERTY).isTrue();
        assertThat(inJvm(here, classes, Map.of()).ran()).isEqualTo(new TreeSet<>(STEPS));

        Checked other = inJvm(java25, classes, Map.of());

        assertThat(other.ran()).isEqualTo(new TreeSet<>(STEPS));
        assertThat(other.entries().get("train")).matches("miss: .*environment: java\\.version 17[^ ]* → 25.*");
    }

    private static final String JDK25_PROPERTY = "reprounit.test.jdk25";
    private static final String JDK25_DEFAULT = "/usr/lib/jvm/temurin-25-jdk-amd64";

    /** A check in a JVM of its own, {@code java}, with {@code environment} added to this one's. */
    private Checked inJvm(Path java, Path classes, Map<String, String> environment) throws Exception {
        String classPath = classes + File.pathSeparator + jarPath() + File.pathSeparator
                + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                EngineProcess.class.getName(), "demo.Flow", "reprounit.store.url=" + url, "reprounit.cache=on",
                "reprounit.baseline.mode=none", "reprounit.environment.variables=FLOW_MODE",
                "reprounit.param.Flow.load.rows=" + rows, "reprounit.param.Flow.train.epochs=3"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Map<String, String> entries = new TreeMap<>();
        Pattern entry = Pattern.compile("^entry .*\\[step:([^\\]]+)\\] \\{.*reprounit\\.cache=([^,}]+).*$",
                Pattern.MULTILINE);
        Matcher found = entry.matcher(output);
        while (found.find()) {
            entries.put(found.group(1), found.group(2));
        }
        assertThat(output).as("the check in %s", java).doesNotContain(" FAILED");
        assertThat(entries.keySet()).as("every step's cache entry, in:%n%s", output).isEqualTo(new TreeSet<>(STEPS));
        Set<String> ran = new TreeSet<>();
        entries.forEach((step, value) -> {
            if (value.startsWith("miss: ")) {
                ran.add(step);
            }
        });
        return new Checked(ran, entries);
    }

    /** Which steps ran in the second check, after a first with {@code before} and a second with {@code after}. */
    private Set<String> checkAgainAfter(Path before, Path after, Map<String, String> secondParameters) throws Exception {
        Checked first = check(before, Map.of());
        assertThat(first.ran()).as("the first check runs every step").isEqualTo(new TreeSet<>(STEPS));
        assertThat(first.entries()).allSatisfy((step, entry) -> assertThat(entry)
                .isEqualTo("miss: no reproduced check recorded"));
        Checked second = check(after, secondParameters);
        second.entries().forEach((step, entry) -> assertThat(entry).as(step)
                .matches(second.ran().contains(step) ? "miss: .+" : "hit: check 1"));
        return second.ran();
    }

    private static Set<String> ran(String... steps) {
        return new TreeSet<>(List.of(steps));
    }

    /** The steps that ran (the cache missed) and each step's {@code reprounit.cache} entry. */
    record Checked(Set<String> ran, Map<String, String> entries) {}

    private Checked check(Path classes, Map<String, String> parameters) throws Exception {
        Map<String, String> all = new TreeMap<>(Map.of("reprounit.store.url", url, "reprounit.cache", "on",
                "reprounit.param.Flow.load.rows", rows.toString(), "reprounit.param.Flow.train.epochs", "3"));
        all.putAll(parameters);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                CacheMutationsTest.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            EngineExecutionResults results = ReproUnitKit.execute(all, selectClass(loader.loadClass("demo.Flow")));
            results.testEvents().assertStatistics(stats -> stats.succeeded(STEPS.size()).failed(0));
            return checked(results);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final Pattern STEP = Pattern.compile("\\[step:([^\\]]+)\\]$");

    private static Checked checked(EngineExecutionResults results) {
        Map<String, String> entries = new TreeMap<>();
        results.allEvents().reportingEntryPublished().stream().forEach(event -> {
            Matcher step = STEP.matcher(event.getTestDescriptor().getUniqueId().toString());
            String entry = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reprounit.cache");
            if (step.find() && entry != null) {
                entries.put(step.group(1), entry);
            }
        });
        assertThat(entries.keySet()).as("every step says what the cache answered").isEqualTo(new TreeSet<>(STEPS));
        Set<String> ran = new TreeSet<>();
        entries.forEach((step, entry) -> {
            if (entry.startsWith("miss: ")) {
                ran.add(step);
            }
        });
        return new Checked(ran, entries);
    }

    private String jarPath() {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }

    private Path compile(String flow, String helpers) throws IOException {
        Path root = Files.createTempDirectory(directory, "variant");
        Path sources = Files.createDirectories(root.resolve("src/demo"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        Files.writeString(sources.resolve("Flow.java"), flow);
        Files.writeString(sources.resolve("Helpers.java"), helpers);
        Files.createDirectories(classes.resolve("demo"));
        Files.writeString(classes.resolve("demo/Flow.yaml"), "params:\n  epochs: 3\n  rows: rows.csv\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-g", "-d", classes.toString(), "-cp",
                jarPath() + File.pathSeparator
                        + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-proc:none", "--release", "17"));
        arguments.add(sources.resolve("Flow.java").toString());
        arguments.add(sources.resolve("Helpers.java").toString());
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac exit status").isZero();
        return classes;
    }
}
