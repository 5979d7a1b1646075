package io.reprounit.bench.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.bench.perturbation.startup.SharedClassPath;
import io.reprounit.run.ForkedRunMain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The forked JVMs of a build like a user's, where the engine is a jar and the corpus's classes are in directories:
 * after the first one, they map an archive of the JDK's and the jars' classes, which the speed of the corpus rests on,
 * and still show the test JVM's class path. Where the engine is a directory ({@code mvn -pl perturbation-corpus -am
 * test}), its {@code META-INF/services} file is also in a jar, so the forked JVMs keep the class path's order and map
 * the archive of the JDK's classes only.
 */
class ForkedStartTest {

    @Test
    void laterForkedRunsMapTheArchiveAndSeeTheTestJvmsClassPath(@TempDir Path store) throws Exception {
        boolean engineIsAJar = Path.of(ForkedRunMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString().endsWith(".jar");
        System.setProperty(SharedClassPath.EXPECTED, engineIsAJar ? "classes-" : "jdk-");
        try {
            // The first forked run of this JVM lists its classes; the archive is dumped in the background after it.
            Optional<TestExecutionResult> result = check(store);
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
            while (notMappedYet(result) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(500);
                result = check(store);
            }

            assertThat(result).as("the forked run's step").isPresent();
            assertThat(result.get().getThrowable().map(Throwable::getMessage)).isEmpty();
            assertThat(result.get().getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        } finally {
            System.clearProperty(SharedClassPath.EXPECTED);
        }
    }

    private static boolean notMappedYet(Optional<TestExecutionResult> result) {
        return result.flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage)
                .filter(message -> message.contains("no archive yet")).isPresent();
    }

    private static Optional<TestExecutionResult> check(Path store) {
        return EngineTestKit.engine("reprounit")
                .configurationParameters(Map.of("reprounit.isolation", "forked", "reprounit.baseline.mode", "none",
                        "reprounit.store.url", "jdbc:sqlite:" + store.resolve("metadata.db"),
                        "reprounit.artifacts.dir", store.resolve("artifacts").toString(), "reprounit.cache", "off",
                        "reprounit.summary", "off"))
                .selectors(selectClass(SharedClassPath.class)).execute()
                .allEvents().finished().list().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("step"))
                .map(Event::getPayload).flatMap(Optional::stream)
                .filter(TestExecutionResult.class::isInstance).map(TestExecutionResult.class::cast).findFirst();
    }
}
