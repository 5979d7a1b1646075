package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.baseline.fixtures.Drifting;
import io.reprounit.baseline.fixtures.Scoring;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.store.DifferingParts;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code reprounit.against=check:<id>}: a check compared with one recorded in the metadata store is judged as against
 * a baseline file (reproduced, changed by a part, diverged), says so per step in report entries code can read, records
 * which check it was against, never touches a baseline file, and names the setting for every value it cannot use.
 */
class AgainstRecordedCheckTest {

    private static final String SCORING = "[pipeline:" + Scoring.class.getName() + "]";
    private static final String DRIFTING = "[pipeline:" + Drifting.class.getName() + "]";

    @TempDir
    Path directory;

    private String url;
    private Path baselines;
    private Path data;

    @BeforeEach
    void store() throws Exception {
        url = "jdbc:sqlite:" + directory.resolve("store").resolve("metadata.db");
        baselines = directory.resolve("baselines");
        data = Files.writeString(directory.resolve("rows.csv"), "a\nb\nc\n");
        Drifting.drift = 0;
    }

    @AfterEach
    void noDrift() {
        Drifting.drift = 0;
    }

    @Test
    void aCheckAgainstItsOwnRecordReproducesAndTheStoreKeepsWhichCheckItWasAgainst() {
        run(Map.of(), selectClass(Scoring.class)).testEvents().assertStatistics(stats -> stats.succeeded(4));
        long recorded = latestCheck("Scoring");

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded),
                selectClass(Scoring.class));

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0).aborted(0).skipped(0));
        Map<String, String> train = entries(results, SCORING + "/[step:train]");
        assertThat(train).containsEntry("reprounit.against", "check " + recorded + ": reproduced")
                .containsEntry("reprounit.against.check", Long.toString(recorded))
                .containsEntry("reprounit.against.verdict", "REPRODUCED")
                .containsEntry("reprounit.against.parts", "[]");
        assertThat(train.get("reprounit.explanation")).contains("matches its baseline");
        long against = latestCheck("Scoring");
        try (MetadataStore store = MetadataStore.openReadOnly(url, "test store")) {
            assertThat(store.check(against).against()).isEqualTo(recorded);
            assertThat(store.check(recorded).against()).isNull();
            assertThat(store.checksAgainst(recorded)).containsExactly(against);
            assertThat(store.differingParts(against)).isEqualTo(new DifferingParts(List.of(), Map.of()));
        }
    }

    @Test
    void aParameterOverriddenSinceTheRecordedCheckChangedItsStepExplainedByTheConfigPart() {
        run(Map.of(), selectClass(Scoring.class));
        long recorded = latestCheck("Scoring");

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded,
                "reprounit.param.Scoring.train.epochs", "12"), selectClass(Scoring.class));

        assertThat(status(results, SCORING + "/[step:train]")).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(message(results, SCORING + "/[step:train]")).contains("gave a different output than its baseline")
                .contains("because config of step train: epochs 10 → 12")
                .doesNotContain("to accept this change"); // a recorded check is not a file to rewrite
        assertThat(status(results, SCORING + "/[step:report]")).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(status(results, SCORING + "/[step:load]")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        Map<String, String> train = entries(results, SCORING + "/[step:train]");
        assertThat(train.get("reprounit.against")).startsWith("check " + recorded
                + ": changed; differs: config param.epochs 10 → 12 (from reprounit.param.Scoring.train.epochs)")
                .contains("config overrides changed"); // the run's own parts are listed after the step's
        assertThat(train).containsEntry("reprounit.against.verdict", "CHANGED");
        assertThat(train.get("reprounit.against.parts")).startsWith("[{\"aspect\":\"config\",\"name\":\"param.epochs\","
                + "\"recorded\":\"10\",\"now\":\"12 (from reprounit.param.Scoring.train.epochs)\"");
        assertThat(entries(results, SCORING + "/[step:report]")).containsEntry("reprounit.against.verdict", "TAINTED");
        try (MetadataStore store = MetadataStore.openReadOnly(url, "test store")) {
            DifferingParts parts = store.differingParts(latestCheck("Scoring"));
            assertThat(parts.steps().keySet()).as("only the step whose own parts differ").containsExactly("train");
            PartChange epochs = parts.steps().get("train").get(0);
            assertThat(epochs.name()).isEqualTo("param.epochs");
            assertThat(epochs.aspect()).isEqualTo(Aspect.CONFIG);
            assertThat(epochs.before().value()).isEqualTo("10");
            assertThat(epochs.after().value()).startsWith("12");
            assertThat(parts.run()).extracting(PartChange::name).contains("overrides");
            assertThat(parts.of("report")).isEqualTo(parts.run());
        }
    }

    @Test
    void aStepThatGivesAnotherOutputWithNothingChangedDivergedAndToleranceStillApplies() {
        run(Map.of(), selectClass(Drifting.class)).testEvents().assertStatistics(stats -> stats.succeeded(3));
        long recorded = latestCheck("Drifting");

        Drifting.drift = 4;
        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded),
                selectClass(Drifting.class));

        assertThat(status(results, DRIFTING + "/[step:exact]")).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(message(results, DRIFTING + "/[step:exact]"))
                .contains("although its code, config, data and environment are as recorded");
        assertThat(entries(results, DRIFTING + "/[step:exact]")).containsEntry("reprounit.against",
                "check " + recorded + ": diverged").containsEntry("reprounit.against.verdict", "DIVERGED");
        // the recorded output is read back from the artifact store, so a step with a tolerance is judged by it
        assertThat(status(results, DRIFTING + "/[step:tolerant]")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries(results, DRIFTING + "/[step:tolerant]").get("reprounit.explanation"))
                .contains("matches its baseline within its tolerance");
        assertThat(status(results, DRIFTING + "/[step:strict]")).isEqualTo(TestExecutionResult.Status.FAILED);
    }

    @Test
    void againstARecordedCheckNoBaselineFileIsReadOrWrittenWhateverTheMode() throws Exception {
        run(Map.of("reprounit.baseline.mode", "update"), selectClass(Scoring.class));
        Path file = baselines.resolve("Scoring.yaml");
        String written = Files.readString(file);
        long recorded = latestCheck("Scoring");
        Files.writeString(file, "not: a baseline\n"); // a malformed baseline fails the check if it is read

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded,
                "reprounit.baseline.mode", "update", "reprounit.param.Scoring.train.epochs", "12"),
                selectClass(Scoring.class));

        assertThat(status(results, SCORING)).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(status(results, SCORING + "/[step:train]")).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(Files.readString(file)).isEqualTo("not: a baseline\n").isNotEqualTo(written);
        assertThat(baselines.resolve("Scoring.received.yaml")).doesNotExist();
        assertThat(Files.list(baselines).map(path -> path.getFileName().toString()).toList())
                .containsExactly("Scoring.yaml");
    }

    @Test
    void otherPipelinesSelectedWithTheChecksOwnAreSkippedWithTheReason() {
        run(Map.of(), selectClass(Drifting.class));
        long recorded = latestCheck("Drifting");

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded),
                selectClass(Scoring.class), selectClass(Drifting.class));

        Event skipped = results.containerEvents().skipped().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(SCORING)).findFirst()
                .orElseThrow(() -> new AssertionError("Scoring was not skipped"));
        assertThat(skipped.getRequiredPayload(String.class)).contains("reprounit.against = check:" + recorded
                + " is a check of pipeline Drifting");
        assertThat(status(results, DRIFTING + "/[step:exact]")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries(results, DRIFTING + "/[step:exact]")).containsKey("reprounit.against");
    }

    @Test
    void aValueThatNamesNoCheckFailsNamingTheSettingAndTheForm() {
        for (String value : List.of("check:abc", "foo", "check:", "12")) {
            EngineExecutionResults results = run(Map.of("reprounit.against", value), selectClass(Scoring.class));

            assertThat(message(results, SCORING)).as(value).contains("reprounit.against = '" + value
                    + "' does not name a recorded check").contains("check:<id>");
            results.testEvents().assertStatistics(stats -> stats.started(0));
        }
    }

    @Test
    void aCheckTheStoreDoesNotHoldFailsNamingTheSettingAndTheStore() {
        run(Map.of(), selectClass(Scoring.class));

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:999"), selectClass(Scoring.class));

        assertThat(message(results, SCORING)).contains("reprounit.against = check:999 names a check of the metadata"
                + " store reprounit.store.url = '" + url + "'").contains("There is no check 999");
        assertThat(latestCheck("Scoring")).as("nothing recorded for a check that could not be compared").isEqualTo(1);
    }

    @Test
    void aStoreThatIsNotThereFailsNamingTheStoreSetting() {
        String missing = "jdbc:sqlite:" + directory.resolve("elsewhere").resolve("metadata.db");

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:1", "reprounit.store.url", missing),
                selectClass(Scoring.class));

        assertThat(message(results, SCORING)).contains("reprounit.against = check:1")
                .contains("There is no metadata store at").contains("Point reprounit.store.url at the store that"
                + " recorded check 1");
    }

    @Test
    void aCheckOfAPipelineThatIsNotSelectedFailsNamingIt() {
        run(Map.of(), selectClass(Drifting.class));
        long recorded = latestCheck("Drifting");

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + recorded),
                selectClass(Scoring.class));

        assertThat(message(results, SCORING)).contains("reprounit.against = check:" + recorded
                + " is a check of pipeline Drifting (" + Drifting.class.getName() + "), which is not selected here")
                .contains("name a check of Scoring");
    }

    @Test
    void aCheckThatRecordedNoCompleteRunFailsSayingSo() {
        long started;
        try (MetadataStore store = MetadataStore.open(url, "test store")) {
            started = store.startCheck("Scoring", Scoring.class.getName(), "repeat", Instant.now());
        }

        EngineExecutionResults results = run(Map.of("reprounit.against", "check:" + started),
                selectClass(Scoring.class));

        assertThat(message(results, SCORING)).contains("reprounit.against = check:" + started)
                .contains("recorded no complete run (its outcome is INCOMPLETE)");
    }

    private EngineExecutionResults run(Map<String, String> settings, DiscoverySelector... selectors) {
        Map<String, String> all = new HashMap<>(Map.of("reprounit.store.url", url, "reprounit.baseline.mode", "none",
                "reprounit.baseline.dir", baselines.toString(), "reprounit.param.Scoring.load.data", data.toString(),
                "reprounit.ci", "false", "reprounit.summary", "off"));
        all.putAll(settings);
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(all).selectors(selectors).execute();
    }

    private long latestCheck(String pipeline) {
        try (MetadataStore store = MetadataStore.openReadOnly(url, "test store")) {
            StoredCheck latest = store.check(store.checks(pipeline, 1).get(0).id());
            return latest.id();
        }
    }

    private static Event finished(EngineExecutionResults results, String idEnd) {
        return results.allEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(idEnd)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing finished as " + idEnd));
    }

    private static TestExecutionResult.Status status(EngineExecutionResults results, String idEnd) {
        return finished(results, idEnd).getRequiredPayload(TestExecutionResult.class).getStatus();
    }

    private static String message(EngineExecutionResults results, String idEnd) {
        return finished(results, idEnd).getRequiredPayload(TestExecutionResult.class).getThrowable()
                .orElseThrow(() -> new AssertionError(idEnd + " did not fail")).getMessage();
    }

    private static Map<String, String> entries(EngineExecutionResults results, String idEnd) {
        Map<String, String> merged = new HashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(idEnd))
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> merged.putAll(entry.getKeyValuePairs()));
        assertThat(merged).as("report entries of " + idEnd).isNotEmpty();
        return merged;
    }
}
