package io.reprounit.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens a connection to a SQLite store that several processes may be opening at the same moment, as Surefire forks do on
 * a fresh checkout. SQLite's busy timeout covers transactions, but not every lock taken while a connection starts: the
 * switch of a new database to write-ahead logging, and the recovery of a log left by a killed process, can answer
 * {@code SQLITE_BUSY} at once. Those are retried here, with a growing pause, until the same timeout has passed.
 */
final class StoreConnection {

    /** SQLite's primary result code for a lock held by another connection; extended codes keep it in the low byte. */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_CANTOPEN = 14;

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 200;

    private StoreConnection() {}

    /**
     * Connects to {@code url} in WAL mode, with the busy timeout and immediate transactions.
     *
     * @throws SQLException when the store cannot be opened, or is still locked after {@code busyTimeoutMillis}
     */
    static Connection open(String url, int busyTimeoutMillis) throws SQLException {
        return retryWhileBusy(() -> connect(url, busyTimeoutMillis), busyTimeoutMillis);
    }

    /**
     * Connects to {@code url} to read it only: read-only from SQLite's open on, with the busy timeout, and without
     * switching the journal mode, which would write the file. SQLite reads a database in WAL mode only where its
     * {@code -wal} and {@code -shm} files exist or can be created; where neither can be, as on a read-only mount, the
     * database is opened as immutable instead, which is safe for the same reason: without a {@code -wal}, which
     * nobody can create there, nobody can write to it.
     */
    static Connection openReadOnly(String url, Path file, int busyTimeoutMillis) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        try {
            return retryWhileBusy(() -> reading(url, config), busyTimeoutMillis);
        } catch (SQLException e) {
            if (!cannotCreateLog(e) || Files.exists(beside(file, "-wal")) || Files.exists(beside(file, "-journal"))) {
                throw e; // a log or a hot journal: what it holds must be read or rolled back, not passed over
            }
            return reading(StoreLocation.URL_PREFIX + file.toUri() + "?immutable=1", config);
        }
    }

    /** A connection that has read the database once, so that a database it cannot read fails here. */
    private static Connection reading(String url, SQLiteConfig config) throws SQLException {
        Connection connection = DriverManager.getConnection(url, config.toProperties());
        try (Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            schema.next();
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** SQLite's answer where it needs to create a {@code -wal} or {@code -shm} file and may not. */
    private static boolean cannotCreateLog(SQLException e) {
        return e instanceof SQLiteException sqlite
                && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY
                || (e.getErrorCode() & 0xff) == SQLITE_CANTOPEN;
    }

    /** The file SQLite keeps beside a database: {@code -wal}, {@code -shm} or {@code -journal}. */
    static Path beside(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    @FunctionalInterface
    private interface Connecting {
        Connection connect() throws SQLException;
    }

    private static Connection retryWhileBusy(Connecting connecting, int busyTimeoutMillis) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(busyTimeoutMillis);
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return connecting.connect();
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                sleep(pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    private static Connection connect(String url, int busyTimeoutMillis) throws SQLException {
        Connection connection = DriverManager.getConnection(url, configuration(busyTimeoutMillis).toProperties());
        try {
            useWriteAheadLog(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static SQLiteConfig configuration(int busyTimeoutMillis) {
        SQLiteConfig config = new SQLiteConfig();
        // NORMAL in WAL mode loses no committed transaction when the process dies, only at a power cut; FULL costs an
        // fsync per commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(busyTimeoutMillis);
        config.enforceForeignKeys(true);
        // A deferred transaction that reads, then writes, fails at once with SQLITE_BUSY when another process got the
        // write lock in between; an immediate one takes the lock first and waits its turn under the busy timeout.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /**
     * WAL lets readers go on while a writer commits. It is set after connecting rather than in the driver's
     * configuration so that a busy answer to it is retried like any other, not thrown from inside the driver.
     */
    private static void useWriteAheadLog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            if (mode.next() && mode.getString(1).equalsIgnoreCase("wal")) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
        }
    }

    private static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_BUSY;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the metadata store's lock", e);
        }
    }
}
