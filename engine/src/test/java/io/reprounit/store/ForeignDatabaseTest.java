package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file that is not a ReproUnit store, or a store of a newer schema, is refused before anything connects to it for
 * writing: its bytes and time stay as they were and no journal appears beside it, whatever its journal mode.
 */
class ForeignDatabaseTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"DELETE", "WAL"})
    void aDatabaseOfSomethingElseKeepsItsBytes(String journalMode) throws Exception {
        Path file = database("customers.db", journalMode, "CREATE TABLE customers (name)", "INSERT INTO customers"
                + " VALUES ('Ada')");

        assertRefusedUntouched(file, "is not a ReproUnit metadata store; it was left untouched");
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"DELETE", "WAL"})
    void aStoreOfANewerSchemaKeepsItsBytes(String journalMode) throws Exception {
        Path file = database("newer.db", journalMode, "CREATE TABLE future (x)",
                "PRAGMA application_id = " + Schema.APPLICATION_ID, "PRAGMA user_version = " + (Schema.LATEST + 1));

        assertRefusedUntouched(file, "schema version " + (Schema.LATEST + 1) + ", written by a newer ReproUnit");
    }

    @Test
    void aFileThatIsNotSqliteAtAllKeepsItsBytes() throws Exception {
        Path file = directory.resolve("notes.db");
        Files.writeString(file, "These are my notes, not a database.\n".repeat(10));

        assertRefusedUntouched(file, "is not a SQLite database");
    }

    @Test
    void anEmptyFileOrAnEmptyDatabaseBecomesAStore() throws Exception {
        Path empty = Files.createFile(directory.resolve("empty.db"));
        Path tableless = database("tableless.db", "WAL");

        for (Path file : List.of(empty, tableless)) {
            try (MetadataStore store = MetadataStore.open("jdbc:sqlite:" + file, "reprounit.store.url")) {
                assertThat(store.checks(null, 5)).isEmpty();
            }
            assertThat(StoreFile.inspect(file, "jdbc:sqlite:" + file)).satisfies(contents -> {
                assertThat(contents.applicationId()).isEqualTo(Schema.APPLICATION_ID);
                assertThat(contents.version()).isEqualTo(Schema.LATEST);
            });
        }
    }

    /** Both openings, for writing and for reading, refuse the file, name it, and leave it and its directory alone. */
    private void assertRefusedUntouched(Path file, String why) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        FileTime time = Files.getLastModifiedTime(file);
        List<Path> listing = listing();
        String url = "jdbc:sqlite:" + file;

        assertThatThrownBy(() -> MetadataStore.open(url, "reprounit.store.url")).isInstanceOf(StoreException.class)
                .hasMessageContaining(why).hasMessageContaining(file.toString())
                .hasMessageContaining("reprounit.store.url");
        assertThatThrownBy(() -> MetadataStore.openReadOnly(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining(why).hasMessageContaining(file.toString()).hasMessageContaining("--store");
        assertThatThrownBy(() -> MetadataStore.openExisting(url, "--store")).isInstanceOf(StoreException.class)
                .hasMessageContaining(why);

        assertThat(Files.readAllBytes(file)).as("the file's bytes").isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(time);
        assertThat(listing()).as("no -wal, -shm or -journal beside it").isEqualTo(listing);
    }

    private Path database(String name, String journalMode, String... statements) throws Exception {
        Path file = directory.resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = " + journalMode);
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        assertThat(new String(Files.readAllBytes(file), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        return file;
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
