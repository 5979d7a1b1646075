package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** reprounit.report: the engine writes the HTML report after every execution, never over a file of someone else's. */
class ReportAfterExecutionTest {

    @TempDir
    Path directory;

    @Test
    void everyExecutionRewritesTheReportWithItsChecks() throws Exception {
        Path report = directory.resolve("site/reprounit.html");

        execute(report);
        assertThat(Files.readString(report)).contains("<meta name=\"generator\" content=\"ReproUnit report\">")
                .contains("\"name\":\"MiddleDiverges\"").contains("\"checksRecorded\":1")
                .contains("\"verdict\":\"DIVERGED\"");

        execute(report);
        assertThat(Files.readString(report)).as("replaced, now that it is ours").contains("\"checksRecorded\":2");
    }

    @Test
    void aFileThatIsNotAReportIsLeftAloneWithAWarningAndTheTestsStillRun() throws Exception {
        Path notes = directory.resolve("notes.html");
        Files.writeString(notes, "my notes");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        execute(notes); // a check is in the store now
        new ReportAfterExecution(java.util.Optional.of(notes.toString()), io.reprounit.store.StoreSettings.from(
                key -> java.util.Optional.ofNullable(Map.of("reprounit.store.url", url).get(key))),
                new PrintStream(warnings, true, StandardCharsets.UTF_8)).write();

        assertThat(Files.readString(notes)).isEqualTo("my notes");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("reprounit.report = '" + notes + "'")
                .contains("not a ReproUnit report");
    }

    private void execute(Path report) {
        EngineTestKit.engine("reprounit").configurationParameters(Map.of("reprounit.report", report.toString(),
                "reprounit.store.url", "jdbc:sqlite:" + directory.resolve("metadata.db"), "reprounit.cache", "off",
                "reprounit.summary", "off", "reprounit.baseline.mode", "none")) // no baseline to verify, on CI either
                .selectors(selectClass(MiddleDiverges.class)).execute()
                .containerEvents().assertStatistics(stats -> stats.failed(0));
    }
}
