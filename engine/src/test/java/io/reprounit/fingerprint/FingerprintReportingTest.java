package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.fingerprint.fixtures.Training;
import io.reprounit.fingerprint.fixtures.unused.Leftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Fingerprint parts as the engine publishes them, and the configuration errors it reports. */
class FingerprintReportingTest {

    @TempDir
    Path directory;

    @Test
    void runPartsArePublishedOnThePipelineAndStepPartsOnEachStep() throws Exception {
        Path data = Files.writeString(directory.resolve("rows.csv"), "a\nb\n");

        Events events = execute(Map.of("reprounit.param.Training.load.data", data.toString()));

        Map<String, String> pipeline = entries(events, "[pipeline:" + Training.class.getName() + "]");
        assertThat(pipeline).containsKeys("reprounit.environment.java.version", "reprounit.environment.time.zone",
                "reprounit.code.git.commit", "reprounit.config.file", "reprounit.config.overrides");
        assertThat(pipeline.keySet()).anyMatch(key -> key.startsWith("reprounit.code.jar:"));
        assertThat(pipeline.get("reprounit.config.file")).startsWith("io/reprounit/fingerprint/fixtures/Training.yaml sha256:");

        Map<String, String> load = entries(events, "[step:load]");
        assertThat(load.get("reprounit.code.bytecode")).matches("\\d+ methods in \\d+ classes sha256:[0-9a-f]{64}");
        assertThat(load.get("reprounit.data." + data.toString().replace('\\', '/'))).startsWith("file sha256:");
        assertThat(load.get("reprounit.config.param.data")).contains(data.getFileName().toString());
        assertThat(entries(events, "[step:train]")).containsEntry("reprounit.config.param.epochs", "10");
        assertThat(entries(events, "[step:noise]")).containsEntry("reprounit.config.seed", "7");
    }

    /** Forked JVMs are handed their steps' code and configuration parts: each step publishes what this JVM takes. */
    @Test
    void aForkedCheckPublishesTheStepPartsOfACheckInThisJvm() throws Exception {
        Path data = Files.writeString(directory.resolve("rows.csv"), "a\nb\n");
        String override = "reprounit.param.Training.load.data";

        Events sameJvm = execute(Map.of(override, data.toString(), "reprounit.isolation", "same_jvm"));
        Events forked = execute(Map.of(override, data.toString(), "reprounit.isolation", "forked"));

        for (String step : List.of("[step:load]", "[step:train]", "[step:noise]")) {
            Map<String, String> parts = stepParts(entries(sameJvm, step));
            assertThat(parts).as(step).containsKey("reprounit.code.bytecode");
            assertThat(stepParts(entries(forked, step))).as(step).isEqualTo(parts);
        }
    }

    private static Map<String, String> stepParts(Map<String, String> entries) {
        Map<String, String> parts = new java.util.TreeMap<>(entries);
        parts.keySet().removeIf(key -> !key.startsWith("reprounit.code.") && !key.startsWith("reprounit.config.")
                && !key.startsWith("reprounit.data."));
        return parts;
    }

    @Test
    void aSecretVariableIsRecordedOnlyAsPresentAndItsValueIsNeverPublished() throws Exception {
        // Set for the test JVM by the engine's pom, so that a real environment variable is read.
        assertThat(System.getenv("REPROUNIT_TEST_API_TOKEN")).isEqualTo("hunter2-do-not-record");
        Path data = Files.writeString(directory.resolve("rows.csv"), "a\n");

        Events events = execute(Map.of("reprounit.param.Training.load.data", data.toString(),
                "reprounit.environment.variables", "REPROUNIT_TEST_API_TOKEN, REPROUNIT_TEST_PLAIN"));

        Map<String, String> pipeline = entries(events, "[pipeline:" + Training.class.getName() + "]");
        assertThat(pipeline).containsEntry("reprounit.environment.env.REPROUNIT_TEST_API_TOKEN", "(set)")
                .containsEntry("reprounit.environment.env.REPROUNIT_TEST_PLAIN", "plain-value");
        assertThat(events.stream().map(Event::toString)).noneMatch(text -> text.contains("hunter2"));
    }

    @Test
    void aKeyThatNoStepUsesIsADiscoveryErrorNamingTheFileAndLine() {
        List<DiscoveryIssue> issues = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .selectors(selectClass(Leftovers.class))
                .discover().getDiscoveryIssues();

        String file = "io/reprounit/fingerprint/fixtures/unused/Leftovers.yaml";
        assertThat(issues).allSatisfy(issue -> assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.INFO));
        assertThat(issues).extracting(DiscoveryIssue::message).anySatisfy(message -> assertThat(message)
                        .contains(file + ":3: params.learning_rate is used by no step"))
                .anySatisfy(message -> assertThat(message).contains(file + ":7: steps.train.epocs is used by no step"))
                .anySatisfy(message -> assertThat(message).contains(file + ":8: steps.evaluate names no step"));
        assertThat(issues).filteredOn(issue -> issue.message().contains("epocs")).singleElement()
                .satisfies(issue -> assertThat(issue.source()).containsInstanceOf(MethodSource.class));
        assertThat(issues).filteredOn(issue -> issue.message().contains("learning_rate")).singleElement()
                .satisfies(issue -> assertThat(issue.source()).containsInstanceOf(ClassSource.class));
    }

    private static Events execute(Map<String, String> parameters) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameter("reprounit.baseline.mode", "none")
                .configurationParameters(parameters).selectors(selectClass(Training.class)).execute().allEvents();
    }

    /** Every report entry published on the descriptor whose unique id ends with the segment, merged. */
    private static Map<String, String> entries(Events events, String lastSegment) {
        Map<String, String> merged = new HashMap<>();
        events.reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(lastSegment))
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> merged.putAll(entry.getKeyValuePairs()));
        assertThat(merged).as("report entries of " + lastSegment).isNotEmpty();
        return merged;
    }
}
