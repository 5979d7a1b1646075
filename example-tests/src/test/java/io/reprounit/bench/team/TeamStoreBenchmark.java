package io.reprounit.bench.team;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.testsupport.PostgresServer;
import io.reprounit.testsupport.S3Server;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A team's store under load: {@code -Dteam.processes} JVMs (default 8), as {@code -Dteam.machines} machines (default
 * 4, each with a working copy and an artifact cache of its own, shared by its processes), each checking
 * {@link TeamPipeline} {@code -Dteam.checks} times (default 100) against one PostgreSQL metadata store and one
 * S3-compatible artifact store, both real servers started here (Debian's PostgreSQL, s3proxy). Then counts what the
 * store holds against what the processes did: lost or duplicated rows, failed checks, artifacts missing from the
 * object store; and prints the throughput.
 *
 * <pre>
 * mvn -B -q -o -pl example-tests -am test-compile -Pteam-store -Dteam.checks=100
 * </pre>
 */
public final class TeamStoreBenchmark {

    private static final String BUCKET = "team";
    private static final String PREFIX = "store";
    private static final int STEPS = 4;

    private TeamStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int processes = Integer.getInteger("team.processes", 8);
        int machines = Integer.getInteger("team.machines", 4);
        int checks = Integer.getInteger("team.checks", 100);
        Path root = Files.createDirectories(Path.of(System.getProperty("team.dir", "target/team-store"))
                .toAbsolutePath());
        PostgresServer postgres = PostgresServer.start(true); // durable, as a team's server is
        String withPassword = postgres.newDatabase();
        String url = withPassword.replace("&password=" + PostgresServer.PASSWORD, "");
        try (S3Server s3 = S3Server.start(Files.createDirectories(root.resolve("s3")))) {
            s3.createBucket(BUCKET);
            List<Process> running = new ArrayList<>();
            long started = System.nanoTime();
            for (int process = 0; process < processes; process++) {
                Path machine = Files.createDirectories(root.resolve("machine-" + process % machines));
                running.add(start(machine, url, s3.endpoint(), checks, process));
            }
            int passed = 0;
            int failed = 0;
            List<Long> millis = new ArrayList<>();
            for (Process process : running) {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("A checking JVM failed: " + output);
                }
                String[] words = output.lines().filter(line -> line.startsWith("checks ")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No result from a checking JVM: " + output))
                        .split(" ");
                passed += Integer.parseInt(words[3]);
                failed += Integer.parseInt(words[5]);
                millis.add(Long.parseLong(words[7]));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Counts counts = count(withPassword, s3);
            int expected = processes * checks;
            System.out.printf(Locale.ROOT, "%nTeam store: %d processes as %d machines, %d checks each, one PostgreSQL and"
                    + " one S3-compatible store%n| | |%n|---|---|%n| checks run / passed / failed | %d / %d / %d |%n"
                    + "| checks recorded / finished REPRODUCED | %d / %d |%n| lost rows (checks, runs, steps) | %d, %d, %d |%n"
                    + "| duplicated rows (pipelines, runs) | %d, %d |%n| artifacts recorded / missing from the object"
                    + " store | %d / %d |%n| wall time | %.1f s |%n| throughput | %.1f checks/s |%n",
                    processes, machines, checks, expected, passed, failed, counts.checks, counts.reproduced,
                    expected - counts.checks, 2L * expected - counts.runs, (long) STEPS * 2 * expected - counts.steps,
                    counts.pipelines - 1, counts.duplicatedRuns, counts.artifacts, counts.missingObjects, seconds,
                    expected / seconds);
        } // the server stops at exit
    }

    private static Process start(Path machine, String url, String endpoint, int checks, int process)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dreprounit.store.url=" + url,
                "-Dreprounit.artifacts.dir=" + machine.resolve(".reprounit/artifacts"),
                "-Dreprounit.artifacts.url=s3://" + BUCKET + "/" + PREFIX,
                "-Dreprounit.artifacts.s3.endpoint=" + endpoint,
                "-Dreprounit.artifacts.s3.path-style=true",
                "-Dreprounit.artifacts.s3.region=us-east-1",
                "-Dreprounit.baseline.mode=none", "-Dreprounit.cache=off", "-Dreprounit.summary=off",
                TeamCheckJvm.class.getName(), String.valueOf(checks), String.valueOf(process)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(machine.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("REPROUNIT_STORE_PASSWORD", PostgresServer.PASSWORD);
        builder.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        return builder.start();
    }

    private record Counts(long checks, long reproduced, long runs, long steps, long pipelines, long duplicatedRuns,
            long artifacts, long missingObjects) {}

    private static Counts count(String url, S3Server s3) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement statement = c.createStatement()) {
            long artifacts = 0;
            long missing = 0;
            try (ResultSet row = statement.executeQuery("SELECT digest FROM artifacts WHERE location IS NOT NULL")) {
                while (row.next()) {
                    artifacts++;
                    File object = s3.objectFile(BUCKET, PREFIX + "/" + ArtifactStore.location(row.getString(1))).toFile();
                    if (!object.isFile()) {
                        missing++;
                    }
                }
            }
            return new Counts(one(statement, "SELECT count(*) FROM checks"),
                    one(statement, "SELECT count(*) FROM checks WHERE status = 'REPRODUCED'"),
                    one(statement, "SELECT count(*) FROM runs WHERE status <> 'INCOMPLETE'"),
                    one(statement, "SELECT count(*) FROM step_executions"),
                    one(statement, "SELECT count(*) FROM pipelines WHERE name = 'TeamPipeline'"),
                    one(statement, "SELECT count(*) FROM (SELECT check_id, number FROM runs GROUP BY check_id, number"
                            + " HAVING count(*) > 1) AS twice"),
                    artifacts, missing);
        }
    }

    private static long one(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
