package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened for reading is read-only from SQLite's open on: no write, no journal mode switch, no migration. */
class ReadOnlyOpeningTest {

    @TempDir
    Path directory;

    @Test
    void aReaderCannotWriteAndLeavesTheDatabaseAsItWas() throws Exception {
        Path file = directory.resolve("metadata.db");
        String url = "jdbc:sqlite:" + file;
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "Iris",
                    List.of(StoreFixtures.run(1, "c1", "a")), StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
        byte[] bytes = Files.readAllBytes(file);
        FileTime time = Files.getLastModifiedTime(file);

        try (MetadataStore store = MetadataStore.openReadOnly(url, "--store")) {
            assertThat(store.checks(null, 5)).hasSize(1);
            assertThatThrownBy(() -> store.startCheck("Iris", "com.example.Iris", "repeat", Instant.now()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("readonly");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(time);
    }

    @Test
    void aStoreOfAnOlderSchemaIsNotMigratedByAReader() throws Exception {
        Path file = directory.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Schema.migrate(connection, 0, 1);
            connection.commit();
        }
        byte[] bytes = Files.readAllBytes(file);

        assertThatThrownBy(() -> MetadataStore.openReadOnly(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining(file + " has schema version 1, older than the version " + Schema.LATEST)
                .hasMessageContaining("reprounit gc");

        assertThat(Files.readAllBytes(file)).as("neither migrated nor switched to WAL").isEqualTo(bytes);
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aMissingOrEmptyStoreIsNotCreatedByAReader() throws Exception {
        Path missing = directory.resolve("typo.db");
        assertThatThrownBy(() -> MetadataStore.openReadOnly("jdbc:sqlite:" + missing, "--store"))
                .isInstanceOf(StoreException.class).hasMessageContaining("There is no metadata store at " + missing);
        assertThat(missing).doesNotExist();

        Path empty = Files.createFile(directory.resolve("empty.db"));
        assertThatThrownBy(() -> MetadataStore.openReadOnly("jdbc:sqlite:" + empty, "--store"))
                .isInstanceOf(StoreException.class).hasMessageContaining(empty + " is empty");
        assertThat(empty).isEmptyFile();
    }
}
