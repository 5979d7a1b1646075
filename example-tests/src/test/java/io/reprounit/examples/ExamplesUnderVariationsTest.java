package io.reprounit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The example pipelines are reproducible for real: each run in a fresh JVM, and every run after the first under every
 * variation at once (time zone, locale, processors, identity hashes, user, working and temporary directory, directory
 * order, environment). A false positive here would mean a variation that breaks honest pipelines.
 */
class ExamplesUnderVariationsTest {

    @Test
    void everyExampleReproducesForkedUnderEveryVariation(@TempDir Path store) {
        EngineExecutionResults results = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of(
                        "reprounit.isolation", "forked",
                        "reprounit.vary", "all",
                        "reprounit.baseline.mode", "none",
                        "reprounit.store.url", "jdbc:sqlite:" + store.resolve("metadata.db")))
                .selectors(selectClass("io.reprounit.examples.iris.IrisPipelineTest"),
                        selectClass("io.reprounit.examples.cleaning.SensorCleaningPipelineTest"),
                        selectClass("io.reprounit.examples.segmentation.CustomerSegmentationPipelineTest"))
                .execute();

        assertThat(results.allEvents().finished().stream()
                .filter(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus() != Status.SUCCESSFUL)
                .map(ExamplesUnderVariationsTest::describe))
                .as("pipelines and steps that did not pass").isEmpty();
        results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(0).skipped(0));
        assertThat(results.testEvents().succeeded().count()).isEqualTo(16);
        assertThat(results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .anyMatch(entry -> entry.getKeyValuePairs().keySet().stream().anyMatch(key -> key.contains("vary."))))
                .as("the runs really were forked and varied").isTrue();
    }

    /** A failure with its cause, so that a run on CI says what went wrong, not only how many. */
    private static String describe(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        StringWriter trace = new StringWriter();
        result.getThrowable().ifPresent(thrown -> thrown.printStackTrace(new PrintWriter(trace)));
        return event.getTestDescriptor().getUniqueId() + " " + result.getStatus() + ": " + trace;
    }
}
