package io.reprounit.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the databases a metadata store can live in, SQLite ({@link SqliteDatabase}) and PostgreSQL
 * ({@link PostgresDatabase}): how a connection is opened, for writing or for reading only; how the schema's version is
 * kept and a migration applied; and how writers take turns. Everything else, every query the store runs, is SQL both
 * accept.
 */
sealed interface Database permits SqliteDatabase, PostgresDatabase {

    /**
     * The database {@code url} names.
     *
     * @throws StoreException naming {@code setting} where {@code url} is neither a SQLite nor a PostgreSQL JDBC URL
     */
    static Database of(String url, String setting) {
        if (url.startsWith(StoreLocation.URL_PREFIX)) {
            return new SqliteDatabase(url, StoreLocation.databaseFile(url).orElse(null));
        }
        if (url.startsWith(PostgresDatabase.URL_PREFIX)) {
            return PostgresDatabase.of(url, System.getenv());
        }
        throw new StoreException(setting + " = '" + StoreLocation.shown(url) + "' is not a SQLite JDBC URL, nor a"
                + " PostgreSQL one. Use jdbc:sqlite:<file>, for example jdbc:sqlite:.reprounit/metadata.db, or"
                + " jdbc:postgresql://<host>:<port>/<database>; or leave it unset for the default.");
    }

    /** The URL as messages show it: without its password. */
    String shown();

    /**
     * Checks what can be checked before connecting to write, such as that a SQLite file is new or a store of ours.
     *
     * @param existing whether the store must exist already: a mistyped path is reported, not created empty
     */
    void prepareToWrite(String setting, boolean existing);

    /** A connection to write to the store with, in auto-commit mode. */
    Connection connect(String setting) throws SQLException;

    /** What to do where {@link #connect} failed. */
    String connectAdvice(String setting);

    /**
     * A connection that only reads an existing store of the current schema; null where there is nothing on disk to
     * leave alone (SQLite in memory), so that the store is opened as for writing.
     *
     * @throws StoreException naming {@code setting} where there is no such store
     */
    @org.jspecify.annotations.Nullable Connection connectReadOnly(String setting);

    /** What the database behind {@code connection} holds, read in the connection's current transaction if any. */
    StoreFile contents(Connection connection) throws SQLException;

    /** Called first in every write transaction, so that writers take turns as under SQLite's one write lock. */
    void beginWrite(Connection connection) throws SQLException;

    /**
     * Called first in a migration's transaction, before the version is read again: another process may be migrating
     * the same store at this moment.
     */
    void lockForMigration(Connection connection) throws SQLException;

    /**
     * Applies migrations {@code from + 1} to {@code to} and records {@code to} as the schema's version, in the
     * caller's transaction, which {@link #beginWrite} began.
     */
    void migrate(Connection connection, int from, int to) throws SQLException;

    /**
     * Whether a table's new rows are best sent as one statement over arrays, one per column ({@link TableRows}): so for
     * a server, which does less work per row that way; not for SQLite, in this process, whose batches cost little.
     */
    boolean bindsArrays();

    /** What the database's own integrity check finds wrong; empty where it finds nothing or has none. */
    List<String> integrityProblems(Connection connection) throws SQLException;
}
