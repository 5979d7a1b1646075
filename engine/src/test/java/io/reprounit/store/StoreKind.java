package io.reprounit.store;

import io.reprounit.testsupport.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The databases a store's tests run against, one suite for both: a SQLite file in the test's directory, and a fresh
 * database on the test JVM's PostgreSQL server ({@link PostgresServer}), whose URL holds its user and password.
 */
public enum StoreKind {
    SQLITE,
    POSTGRESQL;

    /** A new store's URL: {@code <directory>/<name>.db}, or a new database. */
    public String newUrl(Path directory, String name) {
        return this == SQLITE ? "jdbc:sqlite:" + directory.resolve(name + ".db")
                : PostgresServer.shared().newDatabase();
    }

    /** A plain JDBC connection to the store at {@code url}, to look at its rows as they are. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
