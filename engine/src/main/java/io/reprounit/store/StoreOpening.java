package io.reprounit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The checks before a store is opened, each failing with a message that names the setting: the URL, the file, what the
 * file holds; and the read-only opening, which must find a store of the current schema since it cannot migrate one.
 */
final class StoreOpening {

    private StoreOpening() {}

    /** A store to read must be there: a mistyped path is reported, not created empty. */
    static void requireFile(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("There is no metadata store at " + file + ". Run the tests to record checks"
                    + " there, or point " + setting + " at the store they wrote.");
        }
    }

    static StoreFile inspect(Path file, String url, String setting) {
        try {
            return StoreFile.inspect(file, url);
        } catch (IOException | SQLException e) {
            throw new StoreException("Cannot read the metadata store " + setting + " = '" + url + "' (" + file + "): "
                    + e.getMessage() + ". Check that the file can be read, or point " + setting + " elsewhere.", e);
        }
    }

    static void createDirectory(Path directory, String url, String setting) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot create the directory " + directory + " for the metadata store " + setting
                    + " = '" + url + "': " + e + ". Point " + setting + " at a writable location.", e);
        }
    }

    /** A read-only connection to the store in {@code file}, which must be a ReproUnit store of the current schema. */
    static Connection readOnly(String url, Path file, String setting) {
        requireFile(file, setting);
        inspect(file, url, setting).requireOurs(setting, url);
        Connection connection;
        try {
            connection = StoreConnection.openReadOnly(url, file, MetadataStore.BUSY_TIMEOUT_MILLIS);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the metadata store " + setting + " = '" + url + "': "
                    + e.getMessage() + ". Check that the file can be read, or point " + setting + " elsewhere.", e);
        }
        try {
            requireCurrent(StoreFile.of(connection, file), setting, url, file.toString());
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw new StoreException("Cannot read the metadata store " + setting + " = '" + url + "': "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // it only read: nothing is lost
        }
    }

    /**
     * Checked again, connected: the file may have changed since it was inspected.
     *
     * @param shown the store's URL as messages show it
     * @param file the store as messages name it: its file, or its URL
     */
    static void requireCurrent(StoreFile contents, String setting, String shown, String file) {
        contents.requireOurs(setting, shown);
        if (contents.isNew()) {
            throw new StoreException("The metadata store " + file + " is empty: no check has been recorded there yet."
                    + " Run the tests to record checks, or point " + setting + " at the store they wrote.");
        }
        if (contents.version() < Schema.LATEST) {
            throw new StoreException("The metadata store " + file + " has schema version " + contents.version()
                    + ", older than the version " + Schema.LATEST + " this ReproUnit reads, and commands that only read"
                    + " do not migrate it. Run the tests once, or `reprounit gc`, which migrate it.");
        }
    }
}
