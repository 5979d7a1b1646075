package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.entries;
import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.cached.Flaky;
import io.reprounit.engine.fixtures.cached.Training;
import io.reprounit.engine.fixtures.cached.Untyped;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The step cache, through the engine: which steps run again, which are served, and what each says about it. */
class StepCacheTest {

    @TempDir
    Path directory;

    private Path rows;
    private String url;

    @BeforeEach
    void data() throws IOException {
        rows = directory.resolve("rows.csv");
        Files.writeString(rows, "a,1.0,2.1\nb,2.0,3.9\nc,3.0,6.2\n");
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Stream.of("load", "train", "evaluate").forEach(Training::callsOf);
    }

    private EngineExecutionResults check(Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "reprounit.store.url", url,
                "reprounit.cache", "on",
                "reprounit.param.Training.load.rows", rows.toString()));
        parameters.putAll(more);
        EngineExecutionResults results = ReproUnitKit.execute(parameters, selectClass(Training.class));
        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0).aborted(0).skipped(0));
        return results;
    }

    private static String cacheEntry(EngineExecutionResults results, String step) {
        return entries(results.allEvents(), stepId(Training.class, step)).get("reprounit.cache");
    }

    private static Map<String, Integer> calls() {
        Map<String, Integer> calls = new HashMap<>();
        Stream.of("load", "train", "evaluate").forEach(step -> calls.put(step, Training.callsOf(step)));
        return calls;
    }

    @Test
    void aSecondCheckOfUnchangedStepsRunsNoneOfThemAndSaysWhichCheckServedThem() {
        EngineExecutionResults first = check(Map.of());
        assertThat(calls()).containsEntry("load", 2).containsEntry("train", 2).containsEntry("evaluate", 2);
        assertThat(cacheEntry(first, "train")).isEqualTo("miss: no reproduced check recorded");

        EngineExecutionResults second = check(Map.of());

        assertThat(calls()).containsEntry("load", 0).containsEntry("train", 0).containsEntry("evaluate", 0);
        Map<String, String> train = entries(second.allEvents(), stepId(Training.class, "train"));
        assertThat(train.get("reprounit.cache")).isEqualTo("hit: check 1");
        assertThat(train.get("reprounit.verdict")).isEqualTo("REPRODUCED");
        assertThat(train.get("reprounit.explanation")).startsWith("step 'train' was served from the cache, not run:"
                + " check 1 reproduced it");
        assertThat(train.get("reprounit.output.digest"))
                .isEqualTo(entries(first.allEvents(), stepId(Training.class, "train")).get("reprounit.output.digest"));
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoredRun run = store.run("2");
            assertThat(run.steps()).extracting(StoredStep::cachedFrom).containsOnly(1L);
            assertThat(store.run("1").steps()).extracting(StoredStep::cachedFrom).containsOnly((Long) null);
        }
    }

    @Test
    void aChangedParameterRunsItsStepAndTheStepsDownstreamAndSaysWhatChanged() {
        check(Map.of());
        calls();

        EngineExecutionResults changed = check(Map.of("reprounit.param.Training.train.epochs", "12"));

        assertThat(calls()).containsEntry("load", 0).containsEntry("train", 2).containsEntry("evaluate", 2);
        assertThat(cacheEntry(changed, "load")).isEqualTo("hit: check 1");
        assertThat(cacheEntry(changed, "train")).startsWith("miss: config of step train: epochs 10 → 12");
        assertThat(cacheEntry(changed, "evaluate")).isEqualTo("miss: input @Input(\"train\") changed (since check 1)");
    }

    @Test
    void oneChangedByteOfTheDataRunsEveryStepThatReadsItAndNamesTheFile() throws IOException {
        check(Map.of());
        calls();
        Files.writeString(rows, "a,1.0,2.1\nb,2.0,3.9\nc,3.0,6.3\n");

        EngineExecutionResults changed = check(Map.of());

        assertThat(calls()).containsEntry("load", 2).containsEntry("train", 2).containsEntry("evaluate", 2);
        assertThat(cacheEntry(changed, "load")).isEqualTo("miss: data of step load: " + rows + " changed (since check 1)");
    }

    @Test
    void aStepWhoseOutputComesOutTheSameAfterAChangeServesTheStepsDownstream() throws IOException {
        check(Map.of());
        calls();
        Files.writeString(rows, "a,1.0,2.10\nb,2.0,3.9\nc,3.0,6.2\n"); // other bytes, the same rows

        EngineExecutionResults changed = check(Map.of());

        assertThat(calls()).containsEntry("load", 2).containsEntry("train", 0).containsEntry("evaluate", 0);
        assertThat(cacheEntry(changed, "train")).isEqualTo("hit: check 1");
    }

    @Test
    void offWhenTurnedOffAndByDefaultOnCi() {
        check(Map.of());
        calls();

        // A blank value is the default, whatever the build's system properties say.
        for (Map<String, String> off : List.of(Map.of("reprounit.cache", "off"),
                Map.of("reprounit.cache", " ", "reprounit.ci", "true"))) {
            Map<String, String> parameters = new HashMap<>(Map.of("reprounit.store.url", url,
                    "reprounit.param.Training.load.rows", rows.toString()));
            parameters.putAll(off);
            EngineExecutionResults results = ReproUnitKit.execute(parameters, selectClass(Training.class));
            results.testEvents().assertStatistics(stats -> stats.succeeded(3));
            assertThat(calls()).as("every step runs with %s", off).containsEntry("train", 2);
            assertThat(entries(results.allEvents(), stepId(Training.class, "train"))).doesNotContainKey("reprounit.cache");
        }
    }

    @Test
    void aStepThatEverDivergedWithTheSameKeyIsNeverServed() {
        Map<String, String> parameters = Map.of("reprounit.store.url", url, "reprounit.cache", "on");
        Flaky.nondeterministic = true;
        try {
            ReproUnitKit.execute(parameters, selectClass(Flaky.class))
                    .testEvents().assertStatistics(stats -> stats.failed(1));
        } finally {
            Flaky.nondeterministic = false;
        }
        for (int check = 2; check <= 3; check++) {
            Flaky.calls = 0;
            EngineExecutionResults results = ReproUnitKit.execute(parameters, selectClass(Flaky.class));

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(Flaky.calls).as("runs of check %d", check).isEqualTo(2);
            assertThat(entries(results.allEvents(), stepId(Flaky.class, "draw")).get("reprounit.cache"))
                    .isEqualTo("miss: step 'draw' diverged with this very code, configuration, data, environment and"
                            + " inputs in check 1, so it is never served from the cache");
        }
    }

    @Test
    void aStepWhoseOutputCannotBeReadBackForTheStepsThatTakeItIsNamedAtDiscovery() {
        List<DiscoveryIssue> issues = ReproUnitKit.engine().configurationParameter("reprounit.cache", "on")
                .selectors(selectClass(Untyped.class)).discover().getDiscoveryIssues();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.INFO);
            assertThat(issue.message()).startsWith("Step 'rows' of pipeline 'Untyped' is never served from the step"
                    + " cache: its output cannot be read back for the steps that take it, since ")
                    .contains("java.lang.Object");
            assertThat(issue.source()).contains(MethodSource.from(Untyped.class.getDeclaredMethod("rows")));
        });
        assertThat(ReproUnitKit.engine().configurationParameter("reprounit.cache", "off")
                .selectors(selectClass(Untyped.class)).discover().getDiscoveryIssues()).as("with the cache off").isEmpty();
    }

    @Test
    void aValueThatIsNeitherOnNorOffIsAWarningAndLeavesTheCacheOff() {
        List<DiscoveryIssue> issues = ReproUnitKit.engine().configurationParameter("reprounit.cache", "sometimes")
                .selectors(selectClass(Training.class)).discover().getDiscoveryIssues();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).isEqualTo("Configuration parameter reprounit.cache = 'sometimes' is neither on"
                    + " nor off; the step cache stays off. Set it to on or off, or leave it unset (on, except on CI"
                    + " builds).");
        });
    }

    @Test
    void anOutputMissingFromTheArtifactStoreRunsTheStepAgainAndSaysWhy() throws IOException {
        EngineExecutionResults first = check(Map.of());
        calls();
        String kept = entries(first.allEvents(), stepId(Training.class, "train")).get("reprounit.output.kept");
        Path artifacts = directory.resolve("artifacts");
        Files.delete(artifacts.resolve(kept));

        EngineExecutionResults again = check(Map.of());

        assertThat(calls()).containsEntry("load", 0).containsEntry("train", 2);
        assertThat(cacheEntry(again, "train")).startsWith("miss: the output that check 1 kept cannot be served: ");
    }
}
