package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.fingerprint.LibraryJars;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.EngineFilter;

/**
 * A forked JVM reads the pipeline from the step methods the test JVM found, and creates the materializers the test
 * JVM's lookup found: pipelines compiled at test time, on a class loader of their own that the forked JVMs' class path
 * takes over, so that a class can change between discovery and the forked runs.
 */
class ForkedRereadTest {

    private static final String DRIFT = """
            package drift;

            import io.reprounit.api.Input;
            import io.reprounit.api.ReproducibleRun;
            import io.reprounit.api.Step;

            @ReproducibleRun
            public class Drift {
                @Step
                static int source() {
                    return 1;
                }

                @Step
                static int total(@Input("source") %s value) {
                    return (int) value + 1;
                }
            }
            """;

    @Test
    void aPipelineClassChangedBetweenDiscoveryAndTheForkedRunIsAClearProblem(@TempDir Path directory)
            throws Exception {
        Path classes = LibraryJars.compile(directory.resolve("before"), classPath(),
                Map.of("drift.Drift", DRIFT.formatted("int")));
        Path changed = LibraryJars.compile(directory.resolve("after"), classPath(),
                Map.of("drift.Drift", DRIFT.formatted("long")));

        Map<String, TestExecutionResult> results = check(classes, "drift.Drift", () -> copy(changed, classes));

        assertThat(results.get("total").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(results.get("total").getThrowable().map(Throwable::getMessage)).hasValueSatisfying(message ->
                assertThat(message).contains("the forked JVM read the pipeline differently: step 'total' is"
                        + " drift.Drift.total(int), which is not there").contains("compile it again"));
    }

    @Test
    void aPipelineClassReadAsDiscoveredRunsForked(@TempDir Path directory) throws Exception {
        Path classes = LibraryJars.compile(directory, classPath(), Map.of("drift.Drift", DRIFT.formatted("int")));

        Map<String, TestExecutionResult> results = check(classes, "drift.Drift", () -> {});

        assertThat(results.get("source").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("total").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    /**
     * A value whose every run differs but in a part its materializer leaves out: the check passes only where the
     * forked JVMs write it with the materializer the test JVM's {@code ServiceLoader} found.
     */
    @Test
    void materializersFoundByTheTestJvmAreUsedInForkedRuns(@TempDir Path directory) throws Exception {
        Path classes = LibraryJars.compile(directory, classPath(), Map.of("stamped.Stamped", """
                package stamped;

                import io.reprounit.api.ReproducibleRun;
                import io.reprounit.api.Step;

                @ReproducibleRun
                public class Stamped {
                    public record Model(int weights, long stamp) {}

                    @Step
                    static Model model() {
                        return new Model(42, System.nanoTime());
                    }
                }
                """, "stamped.ModelMaterializer", """
                package stamped;

                import io.reprounit.artifact.CanonicalWriter;
                import io.reprounit.artifact.Materializer;

                public class ModelMaterializer implements Materializer {
                    @Override
                    public boolean supports(Class<?> type) {
                        return type == Stamped.Model.class;
                    }

                    @Override
                    public void write(Object value, CanonicalWriter out) {
                        out.beginObject().field("weights", ((Stamped.Model) value).weights())
                                .field("$leftOut", java.util.List.of("stamp")).endObject();
                    }
                }
                """));
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.reprounit.artifact.Materializer"), "stamped.ModelMaterializer\n");

        Map<String, TestExecutionResult> results = check(classes, "stamped.Stamped", () -> {});

        assertThat(results.get("model").getThrowable().map(Throwable::getMessage)).isEmpty();
        assertThat(results.get("model").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    /** The engine's classes and their libraries, for the pipelines compiled here. */
    private static List<Path> classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Checks the pipeline {@code className} of {@code classes} forked, loaded by a class loader of its own that is the
     * context class loader (whose directories the forked JVMs' class path takes), doing {@code betweenDiscoveryAndRuns}
     * once the test plan is discovered; the result of each step by its name.
     */
    private static Map<String, TestExecutionResult> check(Path classes, String className,
            Runnable betweenDiscoveryAndRuns) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(loader.loadClass(className)))
                    .filters(EngineFilter.includeEngines("reprounit"))
                    .configurationParameters(Map.of("reprounit.isolation", "forked", "reprounit.baseline.mode", "none",
                            "reprounit.cache", "off"))
                    .build();
            Launcher launcher = LauncherFactory.create();
            TestPlan plan = launcher.discover(request);
            betweenDiscoveryAndRuns.run();
            Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
            launcher.execute(plan, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    results.put(test.getDisplayName(), result);
                }
            });
            return results;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
