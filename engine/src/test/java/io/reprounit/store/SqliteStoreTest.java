package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a SQLite store has: a schema version in the file's header, a file of something else to leave alone, a
 * default place at the root of the working tree. {@link PostgresStoreTest} has PostgreSQL's counterparts.
 */
class SqliteStoreTest {

    @TempDir
    Path directory;

    String url;

    @org.junit.jupiter.api.BeforeEach
    void paths() {
        url = "jdbc:sqlite:" + directory.resolve("store/metadata.db");
    }

    @Test
    void aStoreOfAnOlderSchemaIsMigratedKeepingItsChecks() throws Exception {
        Path file = directory.resolve("old.db");
        String oldUrl = "jdbc:sqlite:" + file;
        try (Connection connection = DriverManager.getConnection(oldUrl)) {
            connection.setAutoCommit(false);
            Schema.migrate(connection, 0, 1);
            try (Statement sql = connection.createStatement()) {
                sql.execute("INSERT INTO pipelines VALUES (1, 'Iris', 'com.example.Iris')");
                for (int check = 1; check <= 3; check++) {
                    sql.execute("INSERT INTO checks VALUES (" + check + ", 1, 'repeat', 0, 1, 'REPRODUCED', 'c"
                            + check + "', NULL)");
                    sql.execute("INSERT INTO verdicts VALUES (" + check + ", 'train', 0, '"
                            + (check == 3 ? "DIVERGED" : "REPRODUCED") + "', '', '', 'sha256:"
                            + (check == 1 ? "aa" : "bb") + "')");
                }
            }
            connection.commit();
        }

        try (MetadataStore store = MetadataStore.open(oldUrl, "reprounit.store.url")) {
            assertThat(store.checks("Iris", 10)).hasSize(3);
            assertThat(store.history("Iris", "train", 10).entries()).extracting(HistoryEntry::check, HistoryEntry::event)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "first recorded"),
                            org.assertj.core.groups.Tuple.tuple(2L, "output changed"),
                            org.assertj.core.groups.Tuple.tuple(3L, "diverged"));
        }
        try (Connection connection = DriverManager.getConnection(oldUrl); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(Schema.LATEST);
        }
    }

    @Test
    void aStoreOfANewerSchemaIsAClearErrorAndIsLeftUntouched() throws Exception {
        Path file = directory.resolve("newer.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE future (x)");
            sql.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            sql.execute("PRAGMA user_version = " + (Schema.LATEST + 1));
        }

        assertThatThrownBy(() -> MetadataStore.open("jdbc:sqlite:" + file, "reprounit.store.url"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version " + (Schema.LATEST + 1))
                .hasMessageContaining("upgrade ReproUnit")
                .hasMessageContaining("reprounit.store.url");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            try (ResultSet version = sql.executeQuery("PRAGMA user_version")) {
                assertThat(version.getInt(1)).as("schema version").isEqualTo(Schema.LATEST + 1);
            }
            try (ResultSet tables = sql.executeQuery("SELECT group_concat(name) FROM sqlite_schema")) {
                assertThat(tables.getString(1)).isEqualTo("future");
            }
        }
    }

    @Test
    void aDatabaseOfSomethingElseIsNeverWrittenInto() throws Exception {
        Path file = directory.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE customers (name)");
        }

        assertThatThrownBy(() -> MetadataStore.open("jdbc:sqlite:" + file, "--store"))
                .isInstanceOf(StoreException.class).hasMessageContaining("is not a ReproUnit metadata store")
                .hasMessageContaining("--store");
    }

    @Test
    void aVersion4StoreIsMigratedKeepingItsRowsAndHasNoSnapshots() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("v4.db");
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Schema.migrate(connection, 0, 4);
            try (Statement sql = connection.createStatement()) {
                sql.execute("INSERT INTO pipelines VALUES (1, 'Old', 'com.example.Old')");
                sql.execute("INSERT INTO checks VALUES (1, 1, 'repeat', 1000, 2000, 'REPRODUCED', NULL, NULL)");
                sql.execute("INSERT INTO runs (id, check_id, number, mode, started, finished, status, fingerprint)"
                        + " VALUES (7, 1, 1, 'repeat', 1000, 2000, 'COMPLETE', NULL)");
                sql.execute("INSERT INTO step_executions (run_id, step, position, status, duration_nanos, fingerprint)"
                        + " VALUES (7, 'load', 0, 'SUCCEEDED', 5, 'none')");
            }
            connection.commit();
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoredRun run = store.run("1");
            assertThat(run.pipeline()).isEqualTo("Old");
            assertThat(run.steps()).extracting(StoredStep::step).containsExactly("load");
            assertThat(run.steps().get(0).dataSnapshots()).isEmpty();
        }
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(Schema.LATEST);
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM data_snapshots")) {
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    /**
     * Another process holding the write lock while a store is being created, as the first of several forks does: SQLite
     * answers the switch to WAL with an immediate SQLITE_BUSY, not covered by its busy timeout, which failed CI once.
     */
    @Test
    void aStoreLockedWhileItIsOpenedIsWaitedFor() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        try (Connection holder = DriverManager.getConnection(url); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            CompletableFuture<MetadataStore> opening =
                    CompletableFuture.supplyAsync(() -> MetadataStore.open(url, "reprounit.store.url"));
            Thread.sleep(300);
            assertThat(opening).as("waits for the lock").isNotDone();
            statement.execute("COMMIT");
            try (MetadataStore store = opening.get(60, TimeUnit.SECONDS)) {
                assertThat(store.checks(null, 10)).isEmpty();
            }
        }
    }

    @Test
    void theDefaultStoreIsAtTheRootOfTheGitWorkingTree() throws Exception {
        Path project = Files.createDirectories(directory.resolve("project/module/src"));
        Files.createDirectories(directory.resolve("project/.git"));

        assertThat(StoreLocation.defaultUrl(project)).isEqualTo("jdbc:sqlite:"
                + directory.resolve("project/.reprounit/metadata.db").toAbsolutePath());
        Path outside = Files.createDirectories(directory.resolve("plain"));
        assertThat(StoreLocation.defaultUrl(outside)).isEqualTo("jdbc:sqlite:"
                + outside.resolve(".reprounit/metadata.db").toAbsolutePath());
        assertThat(StoreLocation.defaultArtifactsDirectory(url, "reprounit.artifacts.dir"))
                .isEqualTo(directory.resolve("store/artifacts").toAbsolutePath());
    }
}
