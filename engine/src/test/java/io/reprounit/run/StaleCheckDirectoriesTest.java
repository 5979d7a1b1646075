package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary directories of forked checks: owner-only, named by the JVM that owns them, and deleted by a later check
 * once that JVM is gone.
 */
class StaleCheckDirectoriesTest {

    @TempDir
    Path temporary;

    @Test
    void aChecksDirectoryIsOwnerOnlyAndGoneWhenTheCheckEnds() throws Exception {
        Path directory;
        try (ForkSetup setup = ForkSetup.create(temporary)) {
            directory = setup.checkDirectory();
            assertThat(directory.getParent()).isEqualTo(temporary);
            assertThat(directory.getFileName().toString()).startsWith(StaleCheckDirectories.prefixOfThisProcess());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(setup.argFile())))
                    .isEqualTo("rw-------");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void theDirectoriesOfDeadChecksAreDeletedAndThoseOfLiveOnesKept() throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long endedStart = ended.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(ended.waitFor(1, TimeUnit.MINUTES)).isTrue();
        ProcessHandle self = ProcessHandle.current();
        long selfStart = self.info().startInstant().orElseThrow().toEpochMilli();

        Path dead = check(ended.pid() + "-" + endedStart + "-1");
        Path reused = check(self.pid() + "-" + (selfStart - Duration.ofHours(1).toMillis()) + "-2");
        Path live = check(self.pid() + "-" + selfStart + "-3");
        Path oldUnowned = check("4");
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path newUnowned = check("5");
        Path other = Files.createDirectories(temporary.resolve("not-reprounit-check-6"));
        Path elsewhere = Files.createDirectories(temporary.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not ours to delete");
        Path link = Files.createSymbolicLink(temporary.resolve(StaleCheckDirectories.PREFIX + "1-1-7"), elsewhere);
        UserPrincipal owner = Files.getOwner(temporary);

        int deleted = StaleCheckDirectories.sweep(temporary, owner, Instant.now());

        assertThat(deleted).isEqualTo(3);
        assertThat(dead).as("its JVM is gone").doesNotExist();
        assertThat(reused).as("its process id now names a process that started at another time").doesNotExist();
        assertThat(oldUnowned).as("of an older version, a day old").doesNotExist();
        assertThat(live).as("this JVM's").exists();
        assertThat(newUnowned).as("of an older version, maybe still running").exists();
        assertThat(other).exists();
        assertThat(link).as("a link is never followed").exists();
        assertThat(elsewhere.resolve("keep.txt")).exists();
    }

    /** A check directory as a forked check leaves it: a run directory with its results. */
    private Path check(String suffix) throws Exception {
        Path directory = Files.createDirectories(temporary.resolve(StaleCheckDirectories.PREFIX + suffix));
        Path run = Files.createDirectories(directory.resolve("run-1-123"));
        Files.writeString(run.resolve("results.jsonl"), "{}\n");
        return directory;
    }
}
