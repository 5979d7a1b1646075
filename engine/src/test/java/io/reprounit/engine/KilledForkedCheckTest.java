package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.engine.fixtures.secrets.SlowUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forked check whose JVM is killed from outside, as Surefire kills a fork past its timeout: what it leaves in the
 * temporary directory holds no secret (of its -D options, JAVA_TOOL_OPTIONS, overrides or configuration) and is
 * readable by its owner only, and the next check deletes it.
 */
class KilledForkedCheckTest {

    private static final List<String> SECRETS = List.of("kill-password-3307", "kill-url-pass-8852",
            "kill-override-4410", "yaml-upload-password-2718", "kill-tool-token-5150");

    @TempDir
    Path directory;

    @Test
    void whatAKilledForkedCheckLeavesHoldsNoSecretAndTheNextCheckDeletesIt() throws Exception {
        Path temporary = Files.createDirectories(directory.resolve("tmp"));
        Path records = Files.createDirectories(directory.resolve("records"));
        Map<String, String> parameters = Map.of(Constants.STORE_URL_PROPERTY_NAME,
                "jdbc:sqlite:" + records.resolve("metadata.db"), Constants.BASELINE_MODE_PROPERTY_NAME, "none",
                Constants.ISOLATION_PROPERTY_NAME, "forked");
        List<String> options = List.of("-Djava.io.tmpdir=" + temporary, "-Dupload.db.password=kill-password-3307",
                "-Dupload.db.url=jdbc:postgresql://loader:kill-url-pass-8852@db/uploads",
                "-Dreprounit.param.SlowUpload.connect.password=kill-override-4410");

        Process killed = start("killed", options, List.of("-Dupload.hang=true"), parameters);
        List<ProcessHandle> forks;
        try {
            Path results = awaitUploadRunning(temporary, killed);
            String lines = Files.readString(results);
            assertThat(lines).as("the forked run was given the secrets it needs")
                    .containsPattern("\"step\":\"connect\",\"status\":\"SUCCEEDED\"");
            forks = killed.descendants().toList();
            assertThat(forks).isNotEmpty();
            for (ProcessHandle fork : forks) {
                assertThat(String.join(" ", fork.info().arguments().orElse(new String[0])))
                        .as("a forked JVM's command line, which any process may read").doesNotContain(SECRETS);
            }
        } finally {
            killed.destroyForcibly();
        }
        assertThat(killed.waitFor(1, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle fork : forks) {
            // A forked JVM halts when its test JVM goes away; should it not, it must not outlive the test.
            if (!fork.onExit().completeOnTimeout(fork, 1, TimeUnit.MINUTES).join().isAlive()) {
                continue;
            }
            fork.destroyForcibly();
            throw new AssertionError("forked JVM " + fork.pid() + " outlived its test JVM");
        }

        List<Path> left = checkDirectories(temporary);
        assertThat(left).as("the killed check's directory is left behind").hasSize(1);
        try (Stream<Path> walk = Files.walk(left.get(0))) {
            for (Path path : walk.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                assertThat(mode).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
        assertThat(SecretScan.assertNoneIn(temporary, SECRETS)).as("files read").isGreaterThanOrEqualTo(3);

        Process next = start("next", options, List.of(), parameters);
        assertThat(next.waitFor(5, TimeUnit.MINUTES)).as("the next check ended").isTrue();
        String stdout = Files.readString(directory.resolve("next/stdout.txt"));
        assertThat(next.exitValue()).as(stdout).isZero();
        assertThat(stdout).contains("[step:upload] SUCCESSFUL");
        assertThat(checkDirectories(temporary)).as("the next check deleted the stale directory, and then its own")
                .isEmpty();
    }

    private Process start(String name, List<String> options, List<String> more, Map<String, String> parameters)
            throws IOException {
        Path output = Files.createDirectories(directory.resolve(name));
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return EngineProcess.start(output, output, all,
                Map.of("JAVA_TOOL_OPTIONS", "-Dupload.tool.token=kill-tool-token-5150"), SlowUpload.class, parameters);
    }

    /** The results file of a forked run once it says that step {@code upload} started. */
    private Path awaitUploadRunning(Path temporary, Process check) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && check.isAlive()) {
            Optional<Path> running = results(temporary).stream().filter(file -> read(file)
                    .contains("\"type\":\"started\",\"step\":\"upload\"")).findFirst();
            if (running.isPresent()) {
                return running.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no forked run started step 'upload'; the check JVM "
                + (check.isAlive() ? "still runs" : "exited with " + check.exitValue()) + " and printed: "
                + Files.readString(directory.resolve("killed/stdout.txt"))
                + Files.readString(directory.resolve("killed/stderr.txt")));
    }

    private static List<Path> results(Path temporary) throws IOException {
        try (Stream<Path> walk = Files.walk(temporary)) {
            return walk.filter(file -> file.getFileName().toString().equals("results.jsonl")).toList();
        }
    }

    private static List<Path> checkDirectories(Path temporary) throws IOException {
        try (Stream<Path> list = Files.list(temporary)) {
            return list.filter(path -> path.getFileName().toString().startsWith("reprounit-check-")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
