package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.store.fixtures.Saved;
import io.reprounit.store.fixtures.Tally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** What the engine records of a check, read back through the store. */
class EngineRecordingTest {

    @TempDir
    Path directory;

    @Test
    void everyCheckIsRecordedWithItsRunsStepsArtifactsAndVerdicts() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        EngineExecutionResults results = execute(Map.of("reprounit.store.url", url));

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1).aborted(1));
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("Tally", 5).get(0);
            assertThat(check.mode()).isEqualTo("repeat");
            assertThat(check.outcome()).isEqualTo("DIVERGED");
            assertThat(check.culprit()).isEqualTo("label");
            assertThat(check.runs()).hasSize(2);
            StoredRun run = store.run(check.runs().get(1));
            assertThat(run.status()).isEqualTo("COMPLETE");
            assertThat(run.fingerprint().part(Aspect.ENVIRONMENT, "java.version")).isPresent();
            assertThat(run.steps()).extracting(StoredStep::step, StoredStep::verdict).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("words", "REPRODUCED"),
                    org.assertj.core.groups.Tuple.tuple("label", "DIVERGED"),
                    org.assertj.core.groups.Tuple.tuple("length", "TAINTED"));
            assertThat(run.steps().get(2).inputs()).hasSize(1);
            ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
            assertThat(artifacts.read(run.steps().get(1).output())).isPresent();
            assertThat(results.allEvents().reportingEntryPublished().stream()
                    .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .getKeyValuePairs().get("reprounit.output.kept"))
                    .filter(java.util.Objects::nonNull)).as("a report entry says where each output is kept")
                    .contains(run.steps().get(0).keptAt());
            assertThat(store.diff(check.runs().get(0), check.runs().get(1)).steps())
                    .extracting(RunDifference.StepDifference::step).containsExactly("label", "length");
        }
    }

    @Test
    void aCheckWhoseBaselineIsMissingOnCiIsRecordedAsFailedNotReproduced() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        EngineExecutionResults results = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.ci", "true", "reprounit.store.url", url,
                        "reprounit.baseline.dir", directory.resolve("baselines").toString()))
                .selectors(selectClass(Saved.class)).execute();

        results.containerEvents().assertStatistics(stats -> stats.failed(1)); // the pipeline: "Has it been committed?"
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("Saved", 5).get(0);
            assertThat(check.outcome()).isEqualTo("FAILED");
            assertThat(store.run(check.runs().get(0)).steps()).extracting(StoredStep::verdict)
                    .containsOnly("REPRODUCED"); // the steps did reproduce: it is the check that failed
        }
    }

    @Test
    void bothDigestsOfEachOutputAreRecordedAndBytesThatDifferBetweenRunsAreNoFailure() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        for (int i = 0; i < 2; i++) {
            EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                    .configurationParameters(Map.of("reprounit.baseline.mode", "none",
                    "reprounit.store.url", url)).selectors(selectClass(Saved.class)).execute()
                    .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("Saved", 5).get(0);
            StoredRun first = store.run(check.runs().get(0));
            StoredRun second = store.run(check.runs().get(1));
            assertThat(first.steps()).allSatisfy(step -> assertThat(step.isNormalized()).as(step.step()).isTrue());
            assertThat(second.step("model").orElseThrow().bytes()).isEqualTo(first.step("model").orElseThrow().bytes());
            assertThat(second.step("stamped").orElseThrow().output())
                    .isEqualTo(first.step("stamped").orElseThrow().output());
            assertThat(second.step("stamped").orElseThrow().bytes())
                    .isNotEqualTo(first.step("stamped").orElseThrow().bytes());
            RunDifference difference = store.diff(check.runs().get(0), check.runs().get(1));
            assertThat(difference.differsInBytesOnly()).isTrue();
            assertThat(difference.steps()).extracting(RunDifference.StepDifference::step).containsExactly("stamped");
            assertThat(store.history("Saved", null, 50).entries())
                    .extracting(HistoryEntry::step, HistoryEntry::event, HistoryEntry::bytes)
                    .as("bytes that vary in every check are one fact, not an event per check").containsExactly(
                            tuple("model", "first recorded", first.step("model").orElseThrow().bytes()),
                            tuple("stamped", "first recorded", "varies"),
                            tuple("model", "latest", first.step("model").orElseThrow().bytes()),
                            tuple("stamped", "latest", "varies"));
        }
    }

    @Test
    void aForkedCheckIsRecordedAsForked() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        execute(Map.of("reprounit.store.url", url, "reprounit.isolation", "forked"));

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            assertThat(store.checks("Tally", 5).get(0).mode()).isEqualTo("forked");
        }
    }

    @Test
    void aForkedRunKeepsItsOutputsInTheStoreAndTheTestJvmRecordsWhere() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Path elsewhere = directory.resolve("elsewhere");

        execute(Map.of("reprounit.store.url", url, "reprounit.isolation", "forked", "reprounit.artifacts.dir",
                elsewhere.toString(), "reprounit.artifacts.max-size", "1MiB"));

        ArtifactStore artifacts = new ArtifactStore(elsewhere);
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("Tally", 5).get(0);
            for (String id : check.runs()) {
                assertThat(store.run(id).steps()).allSatisfy(step -> {
                    assertThat(step.keptAt()).as(step.step()).startsWith(ArtifactStore.location(step.output()));
                    assertThat(step.codec()).isEqualTo("raw");
                    assertThat(artifacts.read(step.output())).isPresent();
                });
            }
        }
    }

    @Test
    void aBadMaxSizeFailsThePipelineNamingTheSetting() {
        EngineExecutionResults results = execute(Map.of("reprounit.store.url",
                "jdbc:sqlite:" + directory.resolve("metadata.db"), "reprounit.artifacts.max-size", "64 megabytes"));

        results.containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(message(text ->
                text.contains("reprounit.artifacts.max-size = '64 megabytes' is not a size") && text.contains("64MB"))));
    }

    @Test
    void retentionKeepsTheLatestChecksOfThePipeline() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Map<String, String> settings = Map.of("reprounit.store.url", url, "reprounit.store.retention", "2",
                "reprounit.artifacts.dir", directory.resolve("elsewhere").toString());

        for (int i = 0; i < 3; i++) {
            execute(settings);
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            assertThat(store.checks("Tally", 10)).hasSize(2);
        }
        assertThat(directory.resolve("elsewhere/sha256")).isDirectory();
    }

    @Test
    void aStoreThatCannotBeOpenedFailsThePipelineNamingTheSetting() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        String url = "jdbc:sqlite:" + notADirectory.resolve("metadata.db");

        EngineExecutionResults results = execute(Map.of("reprounit.store.url", url));

        results.containerEvents().assertThatEvents().haveExactly(1, org.assertj.core.api.Assertions.allOf(
                container(Tally.class.getName()), finishedWithFailure(message(text ->
                        text.contains("reprounit.store.url") && text.contains(notADirectory.toString())))));
    }

    @Test
    void aBadRetentionFailsThePipelineNamingTheSetting() {
        EngineExecutionResults results = execute(Map.of("reprounit.store.url",
                "jdbc:sqlite:" + directory.resolve("metadata.db"), "reprounit.store.retention", "all"));

        results.containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(message(text ->
                text.contains("reprounit.store.retention = 'all'"))));
    }

    private static EngineExecutionResults execute(Map<String, String> settings) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameter("reprounit.baseline.mode", "none")
                .configurationParameters(settings).selectors(selectClass(Tally.class))
                .execute();
    }
}
