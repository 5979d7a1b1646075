package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What a user reads along the baseline workflow: how to accept a failure, where received files go, what changed. */
class BaselineWorkflowTest {

    private static final String ACCEPT = "mvn test -Dtest=Scoring -Dreprounit.baseline.mode=update";

    @TempDir
    Path directory;

    private BaselineTestKit kit;

    @BeforeEach
    void data() throws Exception {
        Path data = Files.writeString(directory.resolve("rows.csv"), "a\nb\nc\n");
        kit = new BaselineTestKit(directory.resolve("baselines"), data);
    }

    @Test
    void aStepThatChangedAgainstItsBaselineSaysHowToAcceptTheChange() {
        kit.run("update");

        EngineExecutionResults results = kit.with("reprounit.param.Scoring.train.epochs", "12").run("verify");

        String message = failure(results, "[step:train]");
        assertThat(message).contains("epochs").contains("to accept this change, run outside CI: " + ACCEPT)
                .contains("review and commit " + kit.expected())
                // the runs override the configuration: the way to experiment without the baseline is named too
                .contains("reprounit.param.Scoring.train.epochs").contains("-Dreprounit.baseline.mode=none");
    }

    @Test
    void aMissingBaselineSaysHowToRecordIt() {
        EngineExecutionResults results = kit.run("verify");

        assertThat(failure(results, "[pipeline:io.reprounit.baseline.fixtures.Scoring]"))
                .contains("has no baseline").contains(ACCEPT).contains("ignored by git");
    }

    @Test
    void receivedFilesAreKeptOutOfCommitsByAGitignoreBesideThem() throws Exception {
        Files.createDirectories(kit.expected().getParent());
        Path gitignore = kit.expected().getParent().resolve(".gitignore");
        Files.writeString(gitignore, "notes.txt");

        kit.run("verify");
        kit.run("verify");

        assertThat(kit.received()).exists();
        assertThat(Files.readAllLines(gitignore)).startsWith("notes.txt")
                .filteredOn(BaselineFiles.IGNORED::equals).hasSize(1);
    }

    @Test
    void anUpdateSaysWhatChangedPerStepInAReportEntryAndOnTheConsole() {
        kit.run("update");

        EngineExecutionResults[] results = new EngineExecutionResults[1];
        String out = printed(() -> results[0] = kit.with("reprounit.param.Scoring.train.epochs", "5").run("update"));

        String entry = results[0].allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(pairs -> pairs.containsKey("reprounit.baseline")).map(pairs -> pairs.get("reprounit.baseline"))
                .findFirst().orElseThrow();
        assertThat(entry).startsWith("baseline updated: " + kit.expected())
                .containsPattern("step train: output \\w+ → \\w+; .*epochs(.|\\R)*step report: output")
                .doesNotContain("step load:"); // unchanged steps are not listed
        assertThat(out).contains("baseline updated: " + kit.expected()).contains("step train: output");
    }

    @Test
    void anUpdateThatChangesNothingSaysSo() {
        kit.run("update");

        String out = printed(() -> kit.run("update"));

        assertThat(out).contains("baseline updated: " + kit.expected()).contains("nothing changed");
    }

    private static String failure(EngineExecutionResults results, String idEnd) {
        return results.allEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(idEnd))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .filter(result -> result.getStatus() == TestExecutionResult.Status.FAILED)
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow(() -> new AssertionError("no failure of " + idEnd));
    }

    private static String printed(Runnable execution) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            execution.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
