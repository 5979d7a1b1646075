package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.normalized;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.text;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of each output's exact bytes beside its semantic one: recorded, read back, in history, in diff, migrated. */
class BytesDigestsTest {

    private static final List<String> TABLES = List.of("pipelines", "checks", "runs", "fingerprint_parts", "artifacts",
            "step_executions", "step_inputs", "verdicts");

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;

    @BeforeEach
    void paths() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
    }

    @Test
    void bothDigestsOfEveryOutputAreReadBack() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long id = check(store, artifacts, "Iris", List.of(
                    run(1, "c1", List.of(text("rows"), normalized("model", "model trained at 1"))),
                    run(2, "c1", List.of(text("rows"), normalized("model", "model trained at 2")))),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));

            StoredRun first = store.run(id + ".1");
            assertThat(first.steps()).extracting(StoredStep::output, StoredStep::bytes, StoredStep::isNormalized)
                    .containsExactly(tuple(text("rows").digest(), text("rows").digest(), false),
                            tuple(text("model").digest(), text("model trained at 1").digest(), true));
            assertThat(store.run(id + ".2").steps().get(1).bytes()).isEqualTo(text("model trained at 2").digest());
            assertThat(artifacts.read(first.steps().get(1).output())).as("the artifact is kept by its semantic digest")
                    .isPresent();
        }
    }

    @Test
    void historyMarksWhereOnlyTheBytesChangedAndWhereTheyStartedToVaryBetweenRuns() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long first = bytes(store, "model", "at 1", "at 1");
            bytes(store, "model", "at 1", "at 1");
            long changed = bytes(store, "model", "at 2", "at 2");
            long vary = bytes(store, "model", "at 3", "at 4");
            bytes(store, "model", "at 5", "at 6");
            long stable = bytes(store, "model", "at 7", "at 7");
            long output = bytes(store, "other model", "at 7", "at 7");

            History history = store.history("Iris", "step0", 50);

            assertThat(history.entries()).extracting(HistoryEntry::check, HistoryEntry::event).containsExactly(
                    tuple(first, "first recorded"), tuple(changed, "bytes changed"), tuple(vary, "bytes vary"),
                    tuple(stable, "bytes changed"), tuple(output, "output changed"));
            assertThat(history.entries()).extracting(HistoryEntry::output).containsOnly(text("model").digest(),
                    text("other model").digest());
            assertThat(history.entries().get(1).bytes()).isEqualTo(text("model at 2").digest());
            assertThat(history.entries().get(2).bytes()).isEqualTo(VerdictWriter.BYTES_VARY);
        }
    }

    @Test
    void aStepThatDoesNotReproduceGetsNoBytesEvent() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", List.of(normalized("m", "m 1"))),
                    run(2, "c1", List.of(normalized("m", "m 1")))), verdicts(Verdict.DIVERGED));
            check(store, artifacts, "Iris", List.of(run(1, "c1", List.of(normalized("m", "m 2"))),
                    run(2, "c1", List.of(normalized("m", "m 2")))), verdicts(Verdict.DIVERGED));

            assertThat(store.history("Iris", "step0", 50).entries()).extracting(HistoryEntry::event)
                    .containsExactly("first recorded", "latest");
        }
    }

    @Test
    void diffTellsRunsThatDifferInTheirBytesOnly() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long before = bytes(store, "model", "at 1", "at 1");
            long after = bytes(store, "model", "at 2", "at 2");
            long other = bytes(store, "other model", "at 2", "at 2");

            RunDifference bytesOnly = store.diff(before + ".1", after + ".1");
            assertThat(bytesOnly.differsInBytesOnly()).isTrue();
            assertThat(bytesOnly.steps()).singleElement().satisfies(step -> {
                assertThat(step.bytesOnly()).isTrue();
                assertThat(step.bytesBefore()).isEqualTo(text("model at 1").digest());
                assertThat(step.bytesAfter()).isEqualTo(text("model at 2").digest());
                assertThat(step.explanation()).isEqualTo("bytes only: " + Digests.shortForm(text("model at 1").digest())
                        + " → " + Digests.shortForm(text("model at 2").digest()) + " (same compared output)");
            });
            RunDifference semantic = store.diff(before + ".1", other + ".1");
            assertThat(semantic.differsInBytesOnly()).isFalse();
            assertThat(semantic.steps()).singleElement().satisfies(step -> assertThat(step.bytesOnly()).isFalse());
            assertThat(store.diff(after + ".1", after + ".2").isEmpty()).isTrue();
        }
    }

    @Test
    void aVersion2StoreIsMigratedInPlaceKeepingEveryRowWithItsBytesDigestsUnknown() throws Exception {
        String model = text("model").digest();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Schema.migrate(connection, 0, 2);
            try (Statement sql = connection.createStatement()) {
                // As the version 2 writer left them: every value of every column, no more.
                sql.execute("INSERT INTO pipelines VALUES (1, 'Iris', 'com.example.Iris')");
                sql.execute("INSERT INTO checks VALUES (1, 1, 'repeat', 0, 1, 'REPRODUCED', 'c1', NULL)");
                sql.execute("INSERT INTO runs VALUES (1, 1, 1, 'repeat', 0, 1, 'COMPLETE', 'c1', 'seed: 42\n',"
                        + " 'sha256:run')");
                sql.execute("INSERT INTO fingerprint_parts VALUES ('sha256:run', 'environment', 'java.version', '17',"
                        + " 'sha256:17')");
                sql.execute("INSERT INTO fingerprint_parts VALUES ('sha256:step', 'config', 'seed', '42', 'sha256:42')");
                sql.execute("INSERT INTO artifacts VALUES ('" + model + "', 7, '" + Artifact.CANONICAL + "', NULL)");
                sql.execute("INSERT INTO step_executions VALUES (1, 'step0', 0, 'SUCCEEDED', 1000, '" + model
                        + "', NULL, 'sha256:step')");
                sql.execute("INSERT INTO step_inputs VALUES (1, 'step0', 'seed', 'sha256:seed')");
                sql.execute("INSERT INTO verdicts VALUES (1, 'step0', 0, 'REPRODUCED', 'reproduced', '', '" + model
                        + "', 1, 'first recorded')");
            }
            connection.commit();
        }
        Map<String, List<String>> rowsBefore = rows();
        assertThat(columns("step_executions")).doesNotContain("bytes_digest");

        MetadataStore.open(url, "reprounit.store.url").close();
        Map<String, List<String>> rowsAfter = rows();
        for (String table : TABLES) {
            assertThat(rowsAfter.get(table)).as(table).containsExactlyElementsOf(rowsBefore.get(table));
        }
        assertThat(columns("step_executions")).contains("bytes_digest");
        assertThat(columns("verdicts")).contains("bytes_digest");
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(Schema.LATEST);
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoredStep old = store.run("1.1").steps().get(0);
            assertThat(old.output()).isEqualTo(model);
            assertThat(old.bytes()).as("never recorded, so not guessed").isNull();
            assertThat(old.isNormalized()).isFalse();
            assertThat(old.inputs()).containsEntry("seed", "sha256:seed");
            assertThat(old.fingerprint().part(Aspect.CONFIG, "seed")).isPresent();
            assertThat(store.run("1.1").fingerprint().part(Aspect.ENVIRONMENT, "java.version")).isPresent();

            bytes(store, "model", "at 1", "at 1");
            assertThat(store.history("Iris", "step0", 50).entries()).extracting(HistoryEntry::event)
                    .as("unknown bytes before are no change").containsExactly("first recorded", "latest");
            bytes(store, "model", "at 2", "at 2");
            assertThat(store.history("Iris", "step0", 50).entries()).extracting(HistoryEntry::event)
                    .containsExactly("first recorded", "bytes changed");
            assertThat(store.diff("1.1", "2.1").steps()).as("unknown bytes are no difference").singleElement()
                    .satisfies(step -> {
                        assertThat(step.bytesOnly()).isFalse();
                        assertThat(step.explanation()).isEqualTo("same output, although its fingerprint changed");
                    });
        }
    }

    /** Records a check of one step whose two runs output {@code compared}, with exact bytes "… at n". */
    private long bytes(MetadataStore store, String compared, String first, String second) {
        return check(store, artifacts, "Iris", List.of(run(1, "c1", List.of(normalized(compared, "model " + first))),
                run(2, "c1", List.of(normalized(compared, "model " + second)))), verdicts(Verdict.REPRODUCED));
    }

    private List<String> columns(String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (row.next()) {
                columns.add(row.getString("name"));
            }
        }
        return columns;
    }

    /**
     * Every row of every table, each as the text of its version 2 columns, so that rows before and after compare; the
     * new columns must be NULL in the rows that were there.
     */
    private Map<String, List<String>> rows() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> texts = new ArrayList<>();
                try (ResultSet row = sql.executeQuery("SELECT * FROM " + table)) {
                    int columns = table.equals("step_executions") ? 8 : table.equals("verdicts") ? 9
                            : table.equals("artifacts") ? 4 : table.equals("checks") ? 8
                            : row.getMetaData().getColumnCount();
                    while (row.next()) {
                        StringBuilder text = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            text.append(row.getString(i)).append('|');
                        }
                        for (int i = columns + 1; i <= row.getMetaData().getColumnCount(); i++) {
                            assertThat(row.getString(i)).as(table + " column " + i).isNull();
                        }
                        texts.add(text.toString());
                    }
                }
                rows.put(table, texts);
            }
        }
        return rows;
    }
}
