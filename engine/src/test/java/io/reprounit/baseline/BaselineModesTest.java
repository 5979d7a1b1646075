package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Each baseline mode, CI, and the life of the received file. */
class BaselineModesTest {

    private static final String PIPELINE = "pipeline:io.reprounit.baseline.fixtures.Scoring";

    @TempDir
    Path directory;

    private BaselineTestKit kit;

    @BeforeEach
    void data() throws Exception {
        Path data = Files.writeString(directory.resolve("rows.csv"), "a\nb\nc\n");
        kit = new BaselineTestKit(directory.resolve("baselines"), data);
    }

    @Test
    void recordMissingWritesAMissingBaselineAndPasses() throws Exception {
        EngineExecutionResults results = kit.run("record-missing");

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        pipelinePassed(results);
        assertThat(kit.expected()).exists();
        assertThat(Files.readString(kit.expected())).contains("pipeline: Scoring", "class: io.reprounit.baseline.fixtures.Scoring",
                "epochs", "preview: score=30");
    }

    @Test
    void aBaselineIsWrittenTheSameWayEveryTime() throws Exception {
        kit.run("update");
        String first = Files.readString(kit.expected());
        kit.run("update");

        assertThat(Files.readString(kit.expected())).isEqualTo(first);
        assertThat(first).doesNotContain(directory.toString()).doesNotContain("java.vm.arguments");
    }

    @Test
    void recordMissingVerifiesAnExistingBaseline() throws Exception {
        kit.run("record-missing");
        kit.with("reprounit.param.Scoring.train.epochs", "12");

        EngineExecutionResults results = kit.run("record-missing");

        results.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:train"),
                finishedWithFailure(message(m -> m.contains("config of step train: epochs 10 → 12")))));
        assertThat(Files.readString(kit.expected())).as("the baseline is kept").contains("param.epochs: \"10\"");
    }

    @Test
    void verifyFailsWithoutABaselineAndWritesTheReceivedOne() {
        EngineExecutionResults results = kit.run("verify");

        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedWithFailure(message(m -> m.contains("has no baseline") && m.contains("Has it been committed?")))));
        assertThat(kit.expected()).doesNotExist();
        assertThat(kit.received()).exists();
        assertThat(results.allEvents().fileEntryPublished().count()).isEqualTo(1);
    }

    @Test
    void verifyPassesOnAMatchAndDeletesAnEarlierReceivedFile() throws Exception {
        kit.run("verify");
        assertThat(kit.received()).exists();
        kit.run("update");

        EngineExecutionResults results = kit.run("verify");

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        pipelinePassed(results);
        assertThat(kit.received()).doesNotExist();
    }

    @Test
    void aFailedVerificationWritesTheReceivedBaselineAndFixingItDeletesIt() throws Exception {
        kit.run("update");
        kit.with("reprounit.param.Scoring.train.epochs", "12");

        EngineExecutionResults failed = kit.run("verify");
        assertThat(kit.received()).exists();
        assertThat(Files.readString(kit.received())).contains("param.epochs:", "12 (from reprounit.param.Scoring.train.epochs)");
        assertThat(failed.allEvents().fileEntryPublished().count()).isEqualTo(1);

        kit.run("update");
        assertThat(kit.received()).doesNotExist();
        assertThat(Files.readString(kit.expected())).contains("param.epochs:", "12 (from reprounit.param.Scoring.train.epochs)");
        kit.run("verify").testEvents().assertStatistics(stats -> stats.failed(0).succeeded(4));
    }

    @Test
    void updateOverwritesAndPasses() throws Exception {
        kit.run("update");
        kit.with("reprounit.param.Scoring.train.epochs", "5");

        EngineExecutionResults results = kit.run("update");

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        assertThat(Files.readString(kit.expected())).contains("5 (from reprounit.param.Scoring.train.epochs)", "preview: score=15");
    }

    @Test
    void onCiUpdateFailsEveryPipelineNamingTheSetting() {
        EngineExecutionResults results = kit.with("reprounit.ci", "true").run("update");

        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedWithFailure(message(m -> m.contains("reprounit.baseline.mode=update") && m.contains("CI")))));
        assertThat(kit.expected()).doesNotExist();
    }

    @Test
    void onCiRecordMissingOnlyVerifies() {
        EngineExecutionResults results = kit.with("reprounit.ci", "true").run("record-missing");

        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedWithFailure(message(m -> m.contains("has no baseline")))));
        assertThat(kit.expected()).doesNotExist();
    }

    @Test
    void noneChecksRunsAgainstRunsOnly() {
        EngineExecutionResults results = kit.with("reprounit.ci", "true").run("none");

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        assertThat(kit.expected()).doesNotExist();
        assertThat(kit.received()).doesNotExist();
    }

    @Test
    void anUnknownModeFailsThePipelineNamingTheSetting() {
        kit.run("sometimes").containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedWithFailure(message(m -> m.contains("reprounit.baseline.mode = 'sometimes'")))));
    }

    private static void pipelinePassed(EngineExecutionResults results) {
        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedSuccessfully()));
    }
}
