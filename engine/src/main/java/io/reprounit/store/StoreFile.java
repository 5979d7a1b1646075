package io.reprounit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a database file holds, found out before anything that could change it connects: new (no file, an empty one, or a
 * SQLite database without tables), a ReproUnit store of some schema version, or something else. Without a
 * write-ahead log beside it, the file's first page says it all and is read as bytes, since even a read-only connection
 * to a database in WAL mode creates {@code -wal} and {@code -shm} files beside it. Where a log is there, the first page
 * may be older than the log, so a read-only connection asks SQLite; the log's files exist already.
 */
record StoreFile(@Nullable Path file, boolean sqlite, int applicationId, int version, boolean empty) {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** The header, then the b-tree header of the first page: its type (13, a leaf) and how many rows it holds. */
    private static final int READ = 108;
    private static final int USER_VERSION = 60;
    private static final int APPLICATION_ID = 68;
    private static final int SCHEMA_PAGE_TYPE = 100;
    private static final int SCHEMA_ROWS = 103;
    private static final byte LEAF_TABLE = 13;

    /** {@code file}, which {@code url} names, as it is now; a file that is not there is new. */
    static StoreFile inspect(Path file, String url) throws IOException, SQLException {
        if (Files.exists(StoreConnection.beside(file, "-wal"))) {
            try (Connection connection = StoreConnection.openReadOnly(url, file, MetadataStore.BUSY_TIMEOUT_MILLIS)) {
                return of(connection, file);
            }
        }
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(READ);
        } catch (NoSuchFileException e) {
            return new StoreFile(file, true, 0, 0, true);
        }
        if (header.length == 0) {
            return new StoreFile(file, true, 0, 0, true); // SQLite's own view of an empty file
        }
        if (header.length < READ || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new StoreFile(file, false, 0, 0, false);
        }
        ByteBuffer bytes = ByteBuffer.wrap(header);
        boolean empty = header[SCHEMA_PAGE_TYPE] == LEAF_TABLE && bytes.getShort(SCHEMA_ROWS) == 0;
        return new StoreFile(file, true, bytes.getInt(APPLICATION_ID), bytes.getInt(USER_VERSION), empty);
    }

    /**
     * What the database behind {@code connection} holds, as SQLite sees it: read in one statement, so that one
     * snapshot answers all three, even while another process creates the store.
     */
    static StoreFile of(Connection connection, @Nullable Path file) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM"
                        + " pragma_user_version), (SELECT count(*) FROM sqlite_schema)")) {
            row.next();
            return new StoreFile(file, true, row.getInt(1), row.getInt(2), row.getInt(3) == 0);
        }
    }

    /** Whether it is new: a store created here is ours to write. */
    boolean isNew() {
        return sqlite && empty;
    }

    /**
     * Refuses, before anything is written, a file that is neither new nor a ReproUnit store this version knows.
     *
     * @throws StoreException naming the file and {@code setting}, and saying that the file was left untouched
     */
    void requireOurs(String setting, String url) {
        String named = (file != null ? "The file " + file + " (" : "The database (") + setting + " = '" + url + "')";
        if (!sqlite) {
            throw new StoreException(named + " is not a SQLite database, so not a ReproUnit metadata store; it was"
                    + " left untouched. Point " + setting + " at a new file or an existing ReproUnit store.");
        }
        if (applicationId != Schema.APPLICATION_ID && !empty) {
            throw new StoreException(named + " is not a ReproUnit metadata store; it was left untouched. Point "
                    + setting + " at a new file or an existing ReproUnit store.");
        }
        if (version > Schema.LATEST) {
            throw new StoreException(named + " is a metadata store of schema version " + version + ", written by a"
                    + " newer ReproUnit; this one knows versions up to " + Schema.LATEST + ". It was left untouched:"
                    + " upgrade ReproUnit, or point " + setting + " at another file.");
        }
    }
}
