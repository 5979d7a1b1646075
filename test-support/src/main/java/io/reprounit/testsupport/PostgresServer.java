package io.reprounit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for tests, from Debian's {@code postgresql} package: started once per JVM, when a test first
 * asks for it, into a fresh temporary directory (its data and its Unix socket both), listening on a free loopback port
 * with password authentication for a user of its own; stopped and deleted by a shutdown hook. Each test gets a database
 * of its own ({@link #newDatabase()}). Where the process runs as root, as on CI, the server's commands run as the
 * package's {@code postgres} user, since PostgreSQL refuses to run as root.
 *
 * <p>Tests' servers write without {@code fsync}: what they hold is thrown away at exit. {@link #start(boolean)} starts
 * a durable one, for measurements.
 */
public final class PostgresServer {

    public static final String USER = "reprounit";
    /** The user's password: a test can look for it where it must never be written. */
    public static final String PASSWORD = "pg-secret-do-not-record-7d1f";

    private static @Nullable PostgresServer shared;

    private final Path directory;
    private final Path binaries;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path directory, Path binaries, int port) {
        this.directory = directory;
        this.binaries = binaries;
        this.port = port;
    }

    /** The JVM's server, started at the first call. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(false);
        }
        return shared;
    }

    /**
     * Starts a server of this JVM's own, stopped at exit.
     *
     * @param durable whether commits are flushed to disk, as on a real server; tests' servers need not be
     * @throws IllegalStateException where PostgreSQL's binaries are not installed or the server does not start
     */
    public static PostgresServer start(boolean durable) {
        Path binaries = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL's server binaries"
                + " (initdb, pg_ctl) are not installed, and the store's tests run against a real PostgreSQL. Install"
                + " Debian's postgresql package (apt-get install -y postgresql, as .ci/run does); its service need not"
                + " run."));
        try {
            Path directory = Files.createTempDirectory("reprounit-postgres-");
            PostgresServer server = new PostgresServer(directory, binaries, freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "reprounit-postgres-stop"));
            server.initialize(durable);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pg_config --bindir}, or else the highest version's {@code bin} under {@code /usr/lib/postgresql}. */
    static Optional<Path> binaries() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() == 0 && Files.isExecutable(Path.of(output, "pg_ctl"))) {
                return Optional.of(Path.of(output));
            }
        } catch (IOException e) {
            // no pg_config on the path: look where Debian puts the binaries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(String.valueOf(java.util.Objects.requireNonNull(bin.getParent()).getFileName()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void initialize(boolean durable) throws IOException {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.createDirectories(directory.resolve("socket"));
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", directory.toString()), false);
        }
        run(List.of(binaries.resolve("initdb").toString(), "-D", data().toString(), "-U", USER, "--pwfile="
                + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), true);
        String options = "-p " + port + " -k " + directory.resolve("socket") + " -c listen_addresses=127.0.0.1"
                + " -c max_connections=200" + (durable ? "" : " -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off");
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                directory.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start"), true);
    }

    private Path data() {
        return directory.resolve("data");
    }

    /** The port the server listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /**
     * Creates a new, empty database; returns its JDBC URL with the user and password as parameters.
     *
     * @throws IllegalStateException where it cannot be created
     */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        List<String> command = List.of(binaries.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", USER, name);
        runClient(command);
        return url(name) + "&password=" + PASSWORD;
    }

    /** The JDBC URL of database {@code name} with the user but without a password. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    /** Runs {@code sql} in database {@code name} through {@code psql}; returns what it printed, unaligned. */
    public String sql(String name, String sql) {
        return runClient(List.of(binaries.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", USER, "-d", name, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql));
    }

    private String runClient(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", PASSWORD);
            return finish(builder.start(), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate",
                        "stop"), true);
            }
        } catch (RuntimeException | IOException e) {
            // at exit: the directory goes anyway
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: the system cleans it at last
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command}, as user postgres where this process is root and {@code asPostgres}. */
    private static String run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return finish(new ProcessBuilder(full).redirectErrorStream(true).start(), full);
    }

    private static String finish(Process process, List<String> command) {
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL's " + Path.of(command.get(command.indexOf("--") + 1))
                        .getFileName() + " failed (" + String.join(" ", command) + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }
}
