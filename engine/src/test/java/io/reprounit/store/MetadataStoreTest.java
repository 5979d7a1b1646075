package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What every store keeps and answers, in SQLite and in PostgreSQL alike; {@link SqliteStoreTest} has SQLite's own. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class MetadataStoreTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;

    @BeforeEach
    void paths() throws Exception {
        url = kind.newUrl(Files.createDirectories(directory.resolve("store")), "metadata");
        artifacts = new ArtifactStore(directory.resolve("store/artifacts"));
    }

    @Test
    void aCompleteCheckIsReadBackWithItsPartsStepsAndVerdicts() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long id = check(store, artifacts, "Iris", List.of(run(1, "abc", "a", "b"), run(2, "abc", "a", "c")),
                    verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));

            assertThat(store.checks(null, 10)).singleElement().satisfies(check -> {
                assertThat(check.id()).isEqualTo(id);
                assertThat(check.outcome()).isEqualTo("DIVERGED");
                assertThat(check.culprit()).isEqualTo("step1");
                assertThat(check.commit()).isEqualTo("abc");
                assertThat(check.runs()).containsExactly(id + ".1", id + ".2");
            });
            StoredRun second = store.run(id + ".2");
            assertThat(second.status()).isEqualTo("COMPLETE");
            assertThat(second.configText()).isEqualTo("seed: 42\n");
            assertThat(second.fingerprint().part(Aspect.ENVIRONMENT, "java.version")).isPresent();
            assertThat(second.steps()).extracting(StoredStep::step).containsExactly("step0", "step1");
            assertThat(second.steps().get(1).verdict()).isEqualTo("DIVERGED");
            assertThat(second.steps().get(1).inputs()).containsKey("@Input(\"step0\")");
            assertThat(second.steps().get(1).fingerprint().part(Aspect.CODE, "bytecode")).isPresent();
            assertThat(artifacts.read(second.steps().get(1).output())).hasValueSatisfying(bytes ->
                    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("c"));
            assertThat(store.run(Long.toString(id)).id()).isEqualTo(id + ".1");
        }
    }

    @Test
    void aFingerprintsPartsAreStoredOnceAndServeEveryRunThatHasIt() throws Exception {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Iris", List.of(run(1, "abc", "a"), run(2, "abc", "a")),
                    verdicts(Verdict.REPRODUCED));
            long rows = partRows();
            long again = check(store, artifacts, "Iris", List.of(run(1, "abc", "a"), run(2, "abc", "a")),
                    verdicts(Verdict.REPRODUCED));
            long changed = check(store, artifacts, "Iris", List.of(run(1, "def", "a"), run(2, "def", "a")),
                    verdicts(Verdict.REPRODUCED));

            assertThat(rows).as("one run fingerprint of 3 parts, one step fingerprint of 2").isEqualTo(5);
            assertThat(partRows()).as("only the new commit's run fingerprint added").isEqualTo(5 + 3);
            assertThat(store.run(again + ".2").fingerprint().part(Aspect.CODE, "git.commit"))
                    .hasValueSatisfying(part -> assertThat(part.value()).isEqualTo("abc"));
            assertThat(store.run(changed + ".2").fingerprint().part(Aspect.CODE, "git.commit"))
                    .hasValueSatisfying(part -> assertThat(part.value()).isEqualTo("def"));
            assertThat(store.run(changed + ".1").steps().get(0).fingerprint().part(Aspect.CODE, "bytecode")).isPresent();
        }
    }

    private long partRows() throws Exception {
        try (Connection c = StoreKind.connect(url); Statement sql = c.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM fingerprint_parts")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aRunThatNeverCompletesStaysIncompleteWithNoSteps() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long check = store.startCheck("Iris", "com.example.Iris", "repeat", Instant.now());
            store.startRun(check, 1, "repeat", "", Instant.now());

            assertThat(store.run(check + ".1").status()).isEqualTo("INCOMPLETE");
            assertThat(store.run(check + ".1").steps()).isEmpty();
            assertThat(store.checks("Iris", 5)).singleElement()
                    .satisfies(summary -> assertThat(summary.outcome()).isEqualTo("INCOMPLETE"));
        }
    }

    @Test
    void historyNamesTheChecksWhereAStepChangedOrDivergedWithTheirCommit() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "a", "b")), verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            check(store, artifacts, "Iris", List.of(run(1, "c2", "a", "b")), verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            long changed = check(store, artifacts, "Iris", List.of(run(1, "c3", "a", "B")),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            long diverged = check(store, artifacts, "Iris", List.of(run(1, "c4", "a", "x")),
                    verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));

            History history = store.history("Iris", "step1", 50);

            assertThat(history.checks()).isEqualTo(4);
            assertThat(history.entries()).extracting(HistoryEntry::event)
                    .containsExactly("first recorded", "output changed", "diverged");
            assertThat(history.entries().get(1).check()).isEqualTo(changed);
            assertThat(history.entries().get(1).commit()).isEqualTo("c3");
            assertThat(history.entries().get(2).check()).isEqualTo(diverged);
            assertThat(store.history("com.example.Iris", null, 50).entries())
                    .extracting(HistoryEntry::step, HistoryEntry::event)
                    .contains(org.assertj.core.groups.Tuple.tuple("step0", "latest"));
        }
    }

    @Test
    void retentionKeepsTheLatestChecksAndGcRemovesWhatNoneRefersTo() throws Exception {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "old")), verdicts(Verdict.REPRODUCED));
            long kept = check(store, artifacts, "Iris", List.of(run(1, "c2", "new")), verdicts(Verdict.REPRODUCED));

            assertThat(store.keepLatestChecks("Iris", 1)).isEqualTo(1);
            GarbageCollection collected = store.collectGarbage(artifacts, null, Duration.ZERO);

            assertThat(store.checks(null, 10)).extracting(CheckSummary::id).containsExactly(kept);
            assertThat(collected.artifactsRemoved()).containsExactly(StoreFixtures.text("old").digest());
            assertThat(artifacts.read(StoreFixtures.text("new").digest())).isPresent();
            assertThat(artifacts.read(StoreFixtures.text("old").digest())).isEmpty();
            assertThat(collected.artifactsSpared()).isZero();
        }
    }

    @Test
    void gcCountsTheUnreferencedFilesItSparesAsTooYoung() throws Exception {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "old")), verdicts(Verdict.REPRODUCED));
            check(store, artifacts, "Iris", List.of(run(1, "c2", "new")), verdicts(Verdict.REPRODUCED));
            store.keepLatestChecks("Iris", 1);

            GarbageCollection young = store.collectGarbage(artifacts, null, Duration.ofHours(1));

            assertThat(young.artifactsRemoved()).isEmpty();
            assertThat(young.artifactsSpared()).isEqualTo(1);
            assertThat(young.minimumAge()).isEqualTo(Duration.ofHours(1));
            assertThat(artifacts.read(StoreFixtures.text("old").digest())).isPresent();
            GarbageCollection all = store.collectGarbage(artifacts, null, Duration.ZERO);
            assertThat(all.artifactsRemoved()).containsExactly(StoreFixtures.text("old").digest());
            assertThat(all.artifactsSpared()).isZero();
        }
    }

    @Test
    void badUrlsAndUnknownRunsAreClearErrors() {
        assertThatThrownBy(() -> MetadataStore.open("postgres://db/x", "reprounit.store.url"))
                .isInstanceOf(StoreException.class).hasMessageContaining("reprounit.store.url = 'postgres://db/x'")
                .hasMessageContaining("jdbc:sqlite:");
        assertThatThrownBy(() -> MetadataStore.openExisting("jdbc:sqlite:" + directory.resolve("none.db"), "--store"))
                .isInstanceOf(StoreException.class).hasMessageContaining("no metadata store");
        assertThat(directory.resolve("none.db")).doesNotExist();
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            assertThatThrownBy(() -> store.run("99.1")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no run 99.1");
            assertThatThrownBy(() -> store.run("latest")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("not a run id");
            assertThatThrownBy(() -> store.history("Nope", null, 5)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("No pipeline 'Nope'");
        }
    }
}
