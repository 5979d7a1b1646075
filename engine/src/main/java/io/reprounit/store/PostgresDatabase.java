package io.reprounit.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A store in a PostgreSQL database, which a team's machines share. The schema's version and a marker that the database
 * is ours are kept in table {@code reprounit_schema}. Migrations take an advisory lock, held to the end of their
 * transaction, then read the version again, so that processes upgrading at once migrate the store once; every write
 * takes another, so that writers take turns as they do under SQLite's one write lock (a verdict's history event is
 * computed from the previous check's, which must not change meanwhile).
 *
 * <p>The password comes from the URL ({@code user:password@host}, or {@code ?password=}), or else from the environment
 * variable {@value #PASSWORD_VARIABLE}, and goes to the driver only: every message shows {@link #shown()}, the URL
 * without it.
 */
final class PostgresDatabase implements Database {

    static final String URL_PREFIX = "jdbc:postgresql:";
    static final String PASSWORD_VARIABLE = "REPROUNIT_STORE_PASSWORD";
    static final String DRIVER = "org.postgresql.Driver";
    /** What {@code reprounit_schema.application} holds in a ReproUnit store. */
    static final String APPLICATION = "reprounit";
    /** The advisory locks' keys: "RPRU" in the high half, what the lock guards in the low. */
    static final long MIGRATION_LOCK = 0x52505255_00000001L;
    static final long WRITE_LOCK = 0x52505255_00000002L;
    private static final String REDACTED = "(redacted)";

    private final String shown;
    private final String connectUrl;
    private final @Nullable String user;
    private final @Nullable String password;

    private PostgresDatabase(String shown, String connectUrl, @Nullable String user, @Nullable String password) {
        this.shown = shown;
        this.connectUrl = connectUrl;
        this.user = user;
        this.password = password;
    }

    /** The database {@code url} names, with the password from it or else from {@code environment}. */
    static PostgresDatabase of(String url, Map<String, String> environment) {
        Parsed parsed = Parsed.of(url);
        String password = parsed.password() != null ? parsed.password() : environment.get(PASSWORD_VARIABLE);
        return new PostgresDatabase(parsed.shown(), parsed.connectUrl(), parsed.user(), password);
    }

    /** {@code url} without its password, for messages; the URL itself where it holds none. */
    static String shown(String url) {
        return Parsed.of(url).shown();
    }

    /**
     * {@code url} as another process is given it: without its password, which goes in {@link #PASSWORD_VARIABLE}
     * instead, since a command line is visible to everyone on the machine.
     */
    static StoreLocation.HandedOn handedOn(String url) {
        Parsed parsed = Parsed.of(url);
        if (parsed.password() == null) {
            return new StoreLocation.HandedOn(url, Map.of());
        }
        String withUser = parsed.user() == null ? parsed.connectUrl() : parsed.connectUrl()
                + (parsed.connectUrl().contains("?") ? "&" : "?") + "user="
                + java.net.URLEncoder.encode(parsed.user(), StandardCharsets.UTF_8);
        return new StoreLocation.HandedOn(withUser, Map.of(PASSWORD_VARIABLE, parsed.password()));
    }

    /**
     * A PostgreSQL JDBC URL taken apart: user info ({@code user:password@}) is not the driver's syntax, so it is taken
     * out and passed as properties; a {@code password} parameter is taken out too, so that the URL the driver sees
     * (and may put in its own messages) holds no password.
     */
    private record Parsed(String shown, String connectUrl, @Nullable String user, @Nullable String password) {

        static Parsed of(String url) {
            String rest = url.substring(URL_PREFIX.length());
            String user = null;
            String password = null;
            String shownAuthority = "";
            if (rest.startsWith("//")) {
                int end = indexOfAny(rest, 2, "/?");
                String authority = rest.substring(2, end);
                int at = authority.lastIndexOf('@');
                if (at >= 0) {
                    String userInfo = authority.substring(0, at);
                    int colon = userInfo.indexOf(':');
                    user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                    password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
                    shownAuthority = (colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + REDACTED) + "@";
                    rest = "//" + authority.substring(at + 1) + rest.substring(end);
                }
            }
            int query = rest.indexOf('?');
            String path = query < 0 ? rest : rest.substring(0, query);
            List<String> kept = new ArrayList<>();
            List<String> shownParameters = new ArrayList<>();
            if (query >= 0) {
                for (String parameter : rest.substring(query + 1).split("&")) {
                    int equals = parameter.indexOf('=');
                    String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
                    if (name.equals("password")) {
                        password = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                        shownParameters.add((equals < 0 ? parameter : parameter.substring(0, equals)) + "=" + REDACTED);
                    } else {
                        kept.add(parameter);
                        shownParameters.add(parameter);
                    }
                }
            }
            String connectUrl = URL_PREFIX + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
            String shownPath = shownAuthority.isEmpty() ? path : "//" + shownAuthority + path.substring(2);
            String shown = URL_PREFIX + shownPath + (shownParameters.isEmpty() ? "" : "?"
                    + String.join("&", shownParameters));
            return new Parsed(shown, connectUrl, user, password);
        }

        private static int indexOfAny(String text, int from, String characters) {
            for (int i = from; i < text.length(); i++) {
                if (characters.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return text.length();
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String shown() {
        return shown;
    }

    @Override
    public void prepareToWrite(String setting, boolean existing) {
        // a database that is not there fails to connect; one that holds something else is refused once connected
    }

    @Override
    public Connection connect(String setting) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // A run's thousand step rows go in a few multi-row statements instead of a thousand round trips.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "ReproUnit");
        Connection connection = driver(setting).connect(connectUrl, properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept the URL");
        }
        return connection;
    }

    /**
     * The driver, loaded by name rather than found by {@code DriverManager}, which looks only at the drivers its own
     * class loader's class path registered: under a Maven plugin or Surefire's isolated class loader, that is not ours.
     */
    private Driver driver(String setting) {
        try {
            return (Driver) Class.forName(DRIVER, true, PostgresDatabase.class.getClassLoader()).getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StoreException(setting + " = '" + shown + "' names a PostgreSQL database, but the PostgreSQL JDBC"
                    + " driver is not on the class path. Add the dependency org.postgresql:postgresql (42.7.14 or later;"
                    + " in test scope is enough) beside reprounit-engine; the reprounit command line and Maven plugin"
                    + " carry it.", e);
        } catch (ReflectiveOperationException e) {
            throw new StoreException("Cannot load the PostgreSQL JDBC driver for " + setting + " = '" + shown + "': "
                    + e, e);
        }
    }

    @Override
    public String connectAdvice(String setting) {
        return "Check that the server is running and that the database, user and password are right (the password"
                + " comes from the URL or the environment variable " + PASSWORD_VARIABLE + "), or point " + setting
                + " elsewhere.";
    }

    @Override
    public Connection connectReadOnly(String setting) {
        Connection connection;
        try {
            connection = connect(setting);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw StoreFailure.of("read", setting, shown, e, connectAdvice(setting));
        }
        try {
            StoreOpening.requireCurrent(contents(connection), setting, shown, shown);
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw StoreFailure.of("read", setting, shown, e, "");
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
     * Whether the database is new (no table in the current schema), ours (a {@code reprounit_schema} row naming us) and
     * of which version. Asked in two statements: in a migration, both run under the migration's lock.
     */
    @Override
    public StoreFile contents(Connection connection) throws SQLException {
        boolean empty;
        boolean marked;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()),"
                        + " to_regclass('reprounit_schema') IS NOT NULL")) {
            row.next();
            empty = row.getLong(1) == 0;
            marked = row.getBoolean(2);
        }
        if (!marked) {
            return new StoreFile(null, true, 0, 0, empty);
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version, application FROM reprounit_schema")) {
            if (!row.next()) {
                return new StoreFile(null, true, 0, 0, false);
            }
            return new StoreFile(null, true, APPLICATION.equals(row.getString(2)) ? Schema.APPLICATION_ID : 0,
                    row.getInt(1), false);
        }
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        lock(connection, WRITE_LOCK);
    }

    @Override
    public void lockForMigration(Connection connection) throws SQLException {
        lock(connection, MIGRATION_LOCK);
    }

    private static void lock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();
        }
    }

    @Override
    public void migrate(Connection connection, int from, int to) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int version = from + 1; version <= to; version++) {
                for (String sql : Schema.statements(version)) {
                    statement.execute(ddl(sql));
                }
            }
            statement.execute("CREATE TABLE IF NOT EXISTS reprounit_schema (version INTEGER NOT NULL,"
                    + " application TEXT NOT NULL)");
            statement.execute("DELETE FROM reprounit_schema");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reprounit_schema (version, application) VALUES (?, ?)")) {
            insert.setInt(1, to);
            insert.setString(2, APPLICATION);
            insert.executeUpdate();
        }
    }

    /**
     * A statement of {@link Schema}'s migrations in PostgreSQL's words: SQLite's {@code INTEGER PRIMARY KEY}, which
     * numbers rows, is an identity column; every other integer is 64 bits wide, as SQLite's are (times are epoch
     * milliseconds); tables are clustered by their primary key in SQLite only; {@code IS NOT} between values is
     * {@code IS DISTINCT FROM}.
     */
    static String ddl(String sqlite) {
        return sqlite.replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                .replaceAll("\\bINTEGER\\b", "BIGINT")
                .replace(") WITHOUT ROWID", ")")
                .replace(" IS NOT e.previous_digest", " IS DISTINCT FROM e.previous_digest");
    }

    /** PostgreSQL checks its own pages as it reads them; there is no whole-database check to run from here. */
    @Override
    public List<String> integrityProblems(Connection connection) {
        return List.of();
    }

    @Override
    public boolean bindsArrays() {
        return true;
    }
}
