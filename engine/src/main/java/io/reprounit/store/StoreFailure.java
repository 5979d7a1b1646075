package io.reprounit.store;

import io.reprounit.artifact.DiskFull;
import java.sql.SQLException;

/**
 * What a failure of the metadata store says: the action, the store and the database's reason; or, where a full disk is
 * behind it (SQLite's {@code SQLITE_FULL}, PostgreSQL's SQLSTATE {@code 53100}, or the operating system's "No space
 * left on device" a few causes deep), that the disk is full, which store it holds and which database said so.
 */
final class StoreFailure {

    /** SQLite's primary result code for a database or disk that is full; extended codes keep it in the low byte. */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE for a disk that is full (class 53, insufficient resources). */
    private static final String POSTGRES_DISK_FULL = "53100";

    private StoreFailure() {}

    /**
     * @param action what could not be done, such as "write to"
     * @param setting the setting that chose the store, so that the message says what to change
     * @param advice what to do, for a failure that is not a full disk; empty for none
     */
    static StoreException of(String action, String setting, String url, Exception failure, String advice) {
        if (DiskFull.isBehind(failure, StoreFailure::isDatabaseFull)) {
            boolean postgres = url.startsWith(PostgresDatabase.URL_PREFIX);
            String where = url.startsWith(StoreLocation.URL_PREFIX)
                    ? StoreLocation.databaseFile(url).map(Object::toString).orElse(url) : url;
            return new StoreException("The disk holding the metadata store " + where + " is full: "
                    + (postgres ? "the PostgreSQL server" : "SQLite") + " could not write to it (" + setting + " = '"
                    + url + "'). What was being written was rolled back; the store holds what it held before. Free space"
                    + " on " + (postgres ? "the database server's disk" : "that disk") + ", or point " + setting
                    + " at a store on another.", failure);
        }
        return new StoreException("Cannot " + action + " the metadata store " + setting + " = '" + url + "': "
                + failure.getMessage() + (advice.isEmpty() ? "" : ". " + advice), failure);
    }

    /** SQLite's error code or PostgreSQL's SQLSTATE for a full disk (PostgreSQL's driver gives no error codes). */
    private static boolean isDatabaseFull(Throwable failure) {
        return failure instanceof SQLException e && (POSTGRES_DISK_FULL.equals(e.getSQLState())
                || (e.getErrorCode() & 0xff) == SQLITE_FULL);
    }
}
