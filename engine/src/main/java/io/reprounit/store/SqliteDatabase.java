package io.reprounit.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A store in a SQLite file (or in memory, where {@code file} is null): WAL mode and immediate transactions, so that one
 * writer at a time holds SQLite's write lock and the others queue under the busy timeout; the schema's version in
 * {@code user_version}.
 */
record SqliteDatabase(String url, @Nullable Path file) implements Database {

    @Override
    public String shown() {
        return url;
    }

    @Override
    public void prepareToWrite(String setting, boolean existing) {
        if (file == null) {
            return;
        }
        if (existing) {
            StoreOpening.requireFile(file, setting);
        }
        StoreOpening.inspect(file, url, setting).requireOurs(setting, url);
        StoreOpening.createDirectory(Objects.requireNonNull(file.toAbsolutePath().getParent()), url, setting);
    }

    @Override
    public Connection connect(String setting) throws SQLException {
        return StoreConnection.open(url, MetadataStore.BUSY_TIMEOUT_MILLIS);
    }

    @Override
    public String connectAdvice(String setting) {
        return "Check that the path is a writable file, or point " + setting + " elsewhere.";
    }

    @Override
    public @Nullable Connection connectReadOnly(String setting) {
        return file == null ? null : StoreOpening.readOnly(url, file, setting);
    }

    @Override
    public StoreFile contents(Connection connection) throws SQLException {
        return StoreFile.of(connection, file);
    }

    @Override
    public void beginWrite(Connection connection) {
        // the transaction is immediate: SQLite takes its write lock at BEGIN
    }

    @Override
    public void lockForMigration(Connection connection) {
        // the write lock, taken at BEGIN, is the migration's lock too
    }

    @Override
    public void migrate(Connection connection, int from, int to) throws SQLException {
        Schema.migrate(connection, from, to);
    }

    @Override
    public List<String> integrityProblems(Connection connection) throws SQLException {
        return ArtifactReferences.integrityProblems(connection);
    }

    @Override
    public boolean bindsArrays() {
        return false;
    }
}
