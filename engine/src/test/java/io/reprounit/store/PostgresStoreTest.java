package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.fixtures.Tally;
import io.reprounit.testsupport.PostgresServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What only a PostgreSQL store has: a schema version in a table of its own, migrations under an advisory lock, a
 * password that is never recorded, a driver that a project adds. {@link SqliteStoreTest} has SQLite's counterparts.
 */
class PostgresStoreTest {

    private static final String SETTING = "reprounit.store.url";

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;

    @BeforeEach
    void database() {
        url = StoreKind.POSTGRESQL.newUrl(directory, "metadata");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
    }

    @Test
    void twoProcessesUpgradingAnOldStoreAtOnceMigrateItOnceAndBothWrite() throws Exception {
        try (Connection connection = StoreKind.connect(url)) {
            connection.setAutoCommit(false);
            PostgresDatabase.of(url, Map.of()).migrate(connection, 0, 1);
            connection.commit();
        }
        logDdl();

        List<Process> processes = new ArrayList<>();
        for (String pipeline : List.of("Left", "Right")) {
            processes.add(StoreWriterProcess.start(url, artifacts.root(), pipeline, "3"));
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }

        assertThat(rows("SELECT tag || ' ' || object FROM ddl_log WHERE tag LIKE 'CREATE%' AND (object LIKE"
                + " '%.data_snapshots' OR object LIKE '%.verdicts_by_check')")).as("migrations 5 and 9, made once")
                .containsExactlyInAnyOrder("CREATE TABLE public.data_snapshots", "CREATE INDEX public.verdicts_by_check");
        assertThat(rows("SELECT tag || ' ' || object FROM ddl_log WHERE tag LIKE 'CREATE%' GROUP BY tag, object"
                + " HAVING count(*) > 1")).as("nothing created twice").isEmpty();
        assertThat(rows("SELECT count(*) FROM ddl_log WHERE tag = 'ALTER TABLE' AND object = 'public.checks'"))
                .as("checks.against_check (7) and checks.host (9), added once each").containsExactly("2");
        assertThat(rows("SELECT version || ' ' || application FROM reprounit_schema"))
                .containsExactly(Schema.LATEST + " reprounit");
        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            assertThat(store.checks("Left", 10)).hasSize(3);
            assertThat(store.checks("Right", 10)).hasSize(3);
        }
    }

    /** Records every DDL command from now on in table ddl_log, so that a test can count what migrations did. */
    private void logDdl() throws SQLException {
        try (Connection connection = StoreKind.connect(url); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ddl_log (tag TEXT, object TEXT)");
            sql.execute("CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ DECLARE r record;"
                    + " BEGIN FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP"
                    + " INSERT INTO ddl_log VALUES (r.command_tag, r.object_identity); END LOOP; END $$");
            sql.execute("CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl()");
        }
    }

    @Test
    void aStoreOfANewerSchemaIsRefusedForWritingAndReadingAndLeftUntouched() throws Exception {
        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "a")), verdicts(Verdict.REPRODUCED));
        }
        execute("UPDATE reprounit_schema SET version = " + (Schema.LATEST + 1));

        assertThatThrownBy(() -> MetadataStore.open(url, SETTING)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version " + (Schema.LATEST + 1) + ", written by a newer ReproUnit")
                .hasMessageContaining("upgrade ReproUnit").hasMessageContaining(SETTING);
        assertThatThrownBy(() -> MetadataStore.openReadOnly(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining("upgrade ReproUnit").hasMessageContaining("--store");
        assertThat(rows("SELECT version FROM reprounit_schema")).containsExactly(String.valueOf(Schema.LATEST + 1));
        assertThat(rows("SELECT count(*) FROM checks")).containsExactly("1");
    }

    @Test
    void aDatabaseOfSomethingElseIsNeverWrittenInto() throws Exception {
        execute("CREATE TABLE customers (name TEXT)");

        assertThatThrownBy(() -> MetadataStore.open(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a ReproUnit metadata store").hasMessageContaining("--store");
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .containsExactly("customers");
    }

    @Test
    void aReaderCannotWriteAndAnEmptyDatabaseIsNoStoreToRead() {
        assertThatThrownBy(() -> MetadataStore.openReadOnly(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining("is empty");
        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "a")), verdicts(Verdict.REPRODUCED));
        }

        try (MetadataStore store = MetadataStore.openReadOnly(url, "--store")) {
            assertThat(store.checks(null, 5)).hasSize(1);
            assertThatThrownBy(() -> store.startCheck("Iris", "com.example.Iris", "repeat", Instant.now()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void everyCheckRecordsTheHostThatRanIt() {
        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            long id = check(store, artifacts, "Iris", List.of(run(1, "c1", "a")), verdicts(Verdict.REPRODUCED));

            assertThat(RunWriter.Host.NAME).isNotBlank();
            assertThat(store.run(id + ".1").host()).isEqualTo(RunWriter.Host.NAME);
        }
    }

    @Test
    void thePasswordIsNeverRecordedNorShown() throws Exception {
        String password = PostgresServer.PASSWORD;
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        String userInfo = "jdbc:postgresql://" + PostgresServer.USER + ":" + password + "@127.0.0.1:"
                + PostgresServer.shared().port() + "/" + database;
        try (MetadataStore store = MetadataStore.open(userInfo, SETTING)) {
            check(store, artifacts, "Iris", List.of(run(1, "c1", "a")), verdicts(Verdict.REPRODUCED));
        }
        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            check(store, artifacts, "Iris", List.of(run(1, "c2", "b")), verdicts(Verdict.REPRODUCED));
        }
        assertThat(StoreLocation.shown(url)).doesNotContain(password).contains("password=(redacted)");
        assertThat(StoreLocation.shown(userInfo)).doesNotContain(password)
                .isEqualTo("jdbc:postgresql://reprounit:(redacted)@127.0.0.1:" + PostgresServer.shared().port() + "/"
                        + database);
        String wrongDatabase = url.replace("/" + database + "?", "/no_such_database?");
        assertThatThrownBy(() -> MetadataStore.open(wrongDatabase, SETTING)).isInstanceOf(StoreException.class)
                .hasMessageContaining("no_such_database").satisfies(e -> assertThat(messages(e))
                        .doesNotContain(password));
        String wrongPassword = url.replace(password, "not-" + password);
        assertThatThrownBy(() -> MetadataStore.openReadOnly(wrongPassword, "--store"))
                .isInstanceOf(StoreException.class).hasMessageContaining("password")
                .satisfies(e -> assertThat(messages(e)).doesNotContain(password));

        assertThat(dump()).as("every row of every table").contains("Iris").doesNotContain(password);
        try (Stream<Path> files = Files.walk(artifacts.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(password);
            }
        }
    }

    /** A real pipeline's check, recorded by the engine into PostgreSQL: nothing of it says the password. */
    @Test
    void theEngineRecordsAPipelinesCheckIntoPostgresqlWithItsHostAndWithoutThePassword() throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", "none", "reprounit.store.url", url,
                        "reprounit.artifacts.dir", artifacts.root().toString()))
                .selectors(selectClass(Tally.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(3));
        try (MetadataStore store = MetadataStore.openReadOnly(url, SETTING)) {
            CheckSummary check = store.checks("Tally", 5).get(0);
            assertThat(check.outcome()).isEqualTo("DIVERGED");
            StoredRun run = store.run(check.runs().get(0));
            assertThat(run.steps()).extracting(StoredStep::step).containsExactly("words", "label", "length");
            assertThat(run.host()).isEqualTo(RunWriter.Host.NAME);
            assertThat(store.history("Tally", "label", 10).entries()).isNotEmpty();
        }
        assertThat(dump()).contains("Tally").doesNotContain(PostgresServer.PASSWORD);
        assertThat(results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().toString()).toList())
                .isNotEmpty().allSatisfy(entry -> assertThat(entry).doesNotContain(PostgresServer.PASSWORD));
    }

    /** What {@code reproduce} hands its build: a URL without the password, which goes by the environment instead. */
    @Test
    void aUrlHandedToAnotherProcessKeepsItsPasswordInTheEnvironment() throws Exception {
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        String userInfo = "jdbc:postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@127.0.0.1:"
                + PostgresServer.shared().port() + "/" + database + "?ApplicationName=reproduce";
        for (String withPassword : List.of(url, userInfo)) {
            StoreLocation.HandedOn handedOn = StoreLocation.handedOn(withPassword);
            assertThat(handedOn.url()).doesNotContain(PostgresServer.PASSWORD).contains("user=" + PostgresServer.USER);
            assertThat(handedOn.environment()).containsExactly(
                    Map.entry(PostgresDatabase.PASSWORD_VARIABLE, PostgresServer.PASSWORD));
            try (Connection connection = PostgresDatabase.of(handedOn.url(), handedOn.environment()).connect(SETTING);
                    Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("SELECT current_user, current_database()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(PostgresServer.USER);
                assertThat(row.getString(2)).isEqualTo(database);
            }
        }
        String withoutPassword = url.substring(0, url.indexOf("&password="));
        assertThat(StoreLocation.handedOn(withoutPassword)).isEqualTo(new StoreLocation.HandedOn(withoutPassword,
                Map.of()));
        assertThat(StoreLocation.handedOn("jdbc:sqlite:/tmp/m.db").url()).isEqualTo("jdbc:sqlite:/tmp/m.db");
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() throws Exception {
        String withoutPassword = url.substring(0, url.indexOf("&password="));
        PostgresDatabase database = PostgresDatabase.of(withoutPassword,
                Map.of(PostgresDatabase.PASSWORD_VARIABLE, PostgresServer.PASSWORD));
        try (Connection connection = database.connect(SETTING); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT current_user")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(PostgresServer.USER);
        }
        assertThatThrownBy(() -> PostgresDatabase.of(withoutPassword, Map.of()).connect(SETTING))
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
    }

    @Test
    void withoutTheDriverTheMessageSaysWhichDependencyToAdd() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("postgresql")).collect(Collectors.joining(File.pathSeparator));
        Process process = StoreWriterProcess.start(classPath, url, artifacts.root(), "Iris", "1");

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isNotZero();
        assertThat(err).contains("the PostgreSQL JDBC driver is not on the class path")
                .contains("org.postgresql:postgresql").contains(SETTING).doesNotContain(PostgresServer.PASSWORD);
    }

    @Test
    void artifactsGoToTheProjectsReprounitDirectoryByDefault() {
        Path expected = StoreLocation.projectRoot(Path.of("")).resolve(".reprounit").resolve("artifacts");

        assertThat(StoreLocation.defaultArtifactsDirectory(url, "reprounit.artifacts.dir")).isEqualTo(expected);
        assertThat(StoreSettings.from(key -> key.equals(SETTING) ? java.util.Optional.of(url)
                : java.util.Optional.empty()).artifacts().root()).isEqualTo(expected);
    }

    @Test
    void theMigrationsSayInPostgresqlWhatTheySayInSqlite() {
        assertThat(PostgresDatabase.ddl("id INTEGER PRIMARY KEY, n INTEGER NOT NULL, x TEXT) WITHOUT ROWID"))
                .isEqualTo("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT NOT NULL, x TEXT)");
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    /**
     * A server whose disk is full answers SQLSTATE 53100 (disk_full); the message says so and names the server's store,
     * not SQLite, and not the password. The server is made to answer it for real by a trigger that raises it, with the
     * message PostgreSQL gives when it cannot extend a table's file.
     */
    @Test
    void aFullDiskOnTheServerSaysSoAndNamesPostgresqlsStore() throws Exception {
        MetadataStore.open(url, SETTING).close();
        execute("CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                + " 'could not extend file \"base/16384/16400\": No space left on device' USING ERRCODE = 'disk_full',"
                + " HINT = 'Check free disk space.'; END $$");
        execute("CREATE TRIGGER disk_is_full BEFORE INSERT ON runs FOR EACH ROW EXECUTE FUNCTION disk_is_full()");

        try (MetadataStore store = MetadataStore.open(url, SETTING)) {
            long check = store.startCheck("Iris", "com.example.Iris", "repeat", Instant.now());
            assertThatThrownBy(() -> store.startRun(check, 1, "repeat", "seed: 42\n", Instant.now()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("The disk holding the metadata store " + PostgresDatabase.shown(url)
                            + " is full: the PostgreSQL server could not write to it (" + SETTING + " = '")
                    .hasMessageContaining("Free space on the database server's disk")
                    .hasMessageNotContaining("SQLite")
                    .hasMessageNotContaining(PostgresServer.PASSWORD);
            assertThat(store.checks("Iris", 5)).as("the check started before").hasSize(1);
        }
    }

    /**
     * A run's rows go to PostgreSQL as arrays, one statement per table, and to SQLite as batches of single-row inserts:
     * the rows must be the same, whatever the text holds (what an array literal must quote or escape: quotes,
     * backslashes, braces, commas, the word NULL, empty text, line breaks) and wherever values are null.
     */
    @Test
    void aRunIsRecordedInTheSameRowsAsInSqliteWhateverItsTextHolds() throws Exception {
        String awkward = "a \"quoted\" {brace}, back\\slash\ttab\nline NULL ü 🙂";
        io.reprounit.artifact.Artifact first = StoreFixtures.text(awkward)
                .withParts(List.of("sha256:" + "0".repeat(64), "NULL"));
        io.reprounit.artifact.Artifact second = StoreFixtures.text("{}");
        io.reprounit.fingerprint.Fingerprint fingerprint = io.reprounit.fingerprint.Fingerprint.of(List.of(
                io.reprounit.fingerprint.FingerprintPart.of(io.reprounit.fingerprint.Aspect.CONFIG, "param.text", awkward),
                io.reprounit.fingerprint.FingerprintPart.of(io.reprounit.fingerprint.Aspect.CONFIG, "NULL", ""),
                io.reprounit.fingerprint.FingerprintPart.of(io.reprounit.fingerprint.Aspect.CODE, "{,}", "\"")));
        List<RecordedStep> steps = List.of(
                new RecordedStep(awkward, io.reprounit.run.StepExecution.Status.SUCCEEDED,
                        java.time.Duration.ofNanos(Long.MAX_VALUE), Map.of(awkward, "NULL", "", "{\"a\",\"b\"}"),
                        first, null, fingerprint, List.of(new io.reprounit.fingerprint.DataSnapshot(awkward,
                                io.reprounit.fingerprint.DataSnapshot.Kind.FILE, second.digest(), 2, 1, null),
                                new io.reprounit.fingerprint.DataSnapshot("NULL",
                                        io.reprounit.fingerprint.DataSnapshot.Kind.MISSING, null, 0, 0, "")), 7L),
                new RecordedStep("NULL", io.reprounit.run.StepExecution.Status.FAILED, java.time.Duration.ZERO,
                        Map.of(), null, awkward, io.reprounit.fingerprint.Fingerprint.empty()),
                new RecordedStep("", io.reprounit.run.StepExecution.Status.SUCCEEDED, java.time.Duration.ofMillis(1),
                        Map.of("x", first.digest()), second, "", fingerprint));
        RecordedRun run = new RecordedRun(1, Instant.ofEpochMilli(1), Instant.ofEpochMilli(2),
                io.reprounit.fingerprint.Fingerprint.of(List.of(io.reprounit.fingerprint.FingerprintPart.of(
                        io.reprounit.fingerprint.Aspect.CODE, "git.commit", awkward))), steps);
        String sqlite = StoreKind.SQLITE.newUrl(directory, "same-rows");

        for (String store : List.of(url, sqlite)) {
            try (MetadataStore metadata = MetadataStore.open(store, SETTING)) {
                for (int i = 0; i < 2; i++) { // the second time, every fingerprint and artifact is stored already
                    long check = metadata.startCheck("Awkward", "com.example.Awkward", "repeat", Instant.now());
                    metadata.completeRun(metadata.startRun(check, 1, "repeat", awkward, Instant.now()), run, artifacts);
                }
            }
        }

        Map<String, String> tables = Map.of(
                "artifacts", "digest, size, media_type, location, stored_size, codec, not_kept_reason",
                "artifact_parts", "digest, part",
                "step_executions", "step, position, status, duration_nanos, output_digest, problem, fingerprint,"
                        + " bytes_digest, cached_from",
                "step_inputs", "step, label, digest",
                "data_snapshots", "step, name, position, kind, digest, size, files, not_kept_reason",
                "fingerprint_parts", "fingerprint, kind, name, value, digest",
                "runs", "number, status, commit_id, config_text, fingerprint");
        for (Map.Entry<String, String> table : tables.entrySet()) {
            List<String> postgres = everyRow(url, table.getKey(), table.getValue());
            assertThat(postgres).as(table.getKey()).isNotEmpty().isEqualTo(everyRow(sqlite, table.getKey(),
                    table.getValue()));
        }
        assertThat(everyRow(url, "step_inputs", "label")).as("step inputs, twice each").hasSize(2 * 3)
                .contains(awkward, "");
        assertThat(everyRow(url, "fingerprint_parts", "name")).as("each fingerprint's parts once").hasSize(3 + 1);
        try (MetadataStore metadata = MetadataStore.openReadOnly(url, SETTING)) {
            StoredRun stored = metadata.run(metadata.checks("Awkward", 1).get(0).id() + ".1");
            assertThat(stored.steps()).extracting(StoredStep::step).containsExactly(awkward, "NULL", "");
            assertThat(stored.steps().get(0).inputs()).containsEntry(awkward, "NULL")
                    .containsEntry("", "{\"a\",\"b\"}");
            assertThat(stored.steps().get(1).problem()).isEqualTo(awkward);
            assertThat(stored.steps().get(0).fingerprint()).isEqualTo(fingerprint);
        }
    }

    /** The rows of {@code table}, their {@code columns} joined by '|' (null as {@code <null>}), sorted here. */
    private static List<String> everyRow(String store, String table, String columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = StoreKind.connect(store); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT " + columns + " FROM " + table)) {
            while (row.next()) {
                StringBuilder text = new StringBuilder();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    String value = row.getString(i);
                    text.append(value == null ? "<null>" : value).append(i < row.getMetaData().getColumnCount() ? "|"
                            : "");
                }
                rows.add(text.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private void execute(String statement) throws SQLException {
        try (Connection connection = StoreKind.connect(url); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = StoreKind.connect(url); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    /** Every row of every table of the store, as text. */
    private String dump() throws SQLException {
        StringBuilder dump = new StringBuilder();
        for (String table : rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            rows("SELECT t::text FROM " + table + " t").forEach(row -> dump.append(table).append(' ').append(row)
                    .append('\n'));
        }
        return dump.toString();
    }
}
