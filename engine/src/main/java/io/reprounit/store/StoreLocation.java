package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the metadata store and the artifact store live: by default {@code .reprounit/metadata.db} at the root of the git
 * working tree that holds the working directory (or in the working directory itself outside git), so that every module
 * of a build and every Surefire fork of it share one history; artifacts in {@code artifacts} beside the database.
 */
@API(status = INTERNAL, since = "0.1")
public final class StoreLocation {

    static final String URL_PREFIX = "jdbc:sqlite:";
    private static final String DIRECTORY = ".reprounit";

    private StoreLocation() {}

    /** {@code jdbc:sqlite:<root>/.reprounit/metadata.db}, where root is the working tree holding {@code directory}. */
    public static String defaultUrl(Path directory) {
        return URL_PREFIX + projectRoot(directory).resolve(DIRECTORY).resolve("metadata.db");
    }

    /** The nearest directory at or above {@code directory} with a {@code .git} (a directory, or a file in a worktree). */
    static Path projectRoot(Path directory) {
        Path start = directory.toAbsolutePath().normalize();
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"))) {
                return candidate;
            }
        }
        return start;
    }

    /**
     * {@code url} with its database file made absolute, for another process in another directory to write the same
     * store (what {@code reproduce} hands to the build it starts); empty for a store in memory, which no other process
     * can reach. A URL of another database than SQLite is returned as it is.
     */
    public static Optional<String> absoluteUrl(String url) {
        if (!url.startsWith(URL_PREFIX)) {
            return Optional.of(url);
        }
        String rest = url.substring(URL_PREFIX.length());
        if (rest.startsWith("file:") || rest.contains("?")) {
            return databaseFile(url).map(file -> url); // a URI form: passed on as the user wrote it
        }
        return databaseFile(url).map(file -> URL_PREFIX + file);
    }

    /** The database file a SQLite URL names; empty for an in-memory database. */
    static Optional<Path> databaseFile(String url) {
        String path = url.substring(URL_PREFIX.length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.equals(":memory:") || path.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /**
     * {@code url} as messages, reports and logs show it: without the password a PostgreSQL URL may hold, which is never
     * recorded or printed.
     */
    public static String shown(String url) {
        return url.startsWith(PostgresDatabase.URL_PREFIX) ? PostgresDatabase.shown(url) : url;
    }

    /** A store's URL as handed on to another process: the URL without a password, and the environment that has it. */
    public record HandedOn(String url, Map<String, String> environment) {}

    /**
     * {@code url} for another process's command line, such as the build {@code reproduce} starts: a password in it
     * moves to the environment variable the store reads it from, out of sight of the machine's process list.
     */
    public static HandedOn handedOn(String url) {
        return url.startsWith(PostgresDatabase.URL_PREFIX) ? PostgresDatabase.handedOn(url)
                : new HandedOn(url, Map.of());
    }

    /**
     * {@code artifacts} beside the database that {@code url} names; for a database on a server, such as PostgreSQL,
     * {@code .reprounit/artifacts} at the root of the working tree holding the working directory.
     *
     * @param setting the name of the setting that chooses the artifact directory, for the message when there is none
     */
    public static Path defaultArtifactsDirectory(String url, String setting) {
        if (!url.startsWith(URL_PREFIX)) {
            return projectRoot(Path.of("")).resolve(DIRECTORY).resolve("artifacts");
        }
        Path database = databaseFile(url).orElseThrow(() -> new StoreException("The metadata store '" + url
                + "' is in memory, so there is no directory beside it for artifacts; set " + setting
                + " to a directory."));
        return database.resolveSibling("artifacts");
    }
}
