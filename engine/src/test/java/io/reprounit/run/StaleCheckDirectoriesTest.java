package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
        Process ended = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long endedStart = ended.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(ended.waitFor(1, TimeUnit.MINUTES)).isTrue();
        ProcessHandle self = ProcessHandle.current();
        long selfStart = self.info().startInstant().orElseThrow().toEpochMilli();
        String dead = ended.pid() + "-" + endedStart;
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));

        Path unlocked = check(dead + "-1", true);
        Path reused = check(self.pid() + "-" + (selfStart - Duration.ofHours(1).toMillis()) + "-2", true);
        Path live = check(self.pid() + "-" + selfStart + "-3", true);
        Path lockedElsewhere = check(dead + "-4", true);
        Path starting = check(dead + "-5", false);
        Path locking = check(dead + "-11", true);
        Files.setLastModifiedTime(locking.resolve(StaleCheckDirectories.LOCK), FileTime.from(Instant.now()));
        Path neverLocked = check(dead + "-6", false);
        Files.setLastModifiedTime(neverLocked, FileTime.from(twoMinutesAgo));
        Path oldUnowned = check("7", false);
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path newUnowned = check("8", false);
        Path other = Files.createDirectories(temporary.resolve("not-reprounit-check-9"));
        Path elsewhere = Files.createDirectories(temporary.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not ours to delete");
        Path link = Files.createSymbolicLink(temporary.resolve(StaleCheckDirectories.PREFIX + dead + "-10"), elsewhere);
        UserPrincipal owner = Files.getOwner(temporary);

        Process holder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lockedElsewhere.resolve(StaleCheckDirectories.LOCK).toString()).start();
        int deleted;
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("locked");
            deleted = StaleCheckDirectories.sweep(temporary, owner, Instant.now());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(1, TimeUnit.MINUTES);
            holder.destroyForcibly();
        }

        assertThat(unlocked).as("its JVM is gone, and so is its lock").doesNotExist();
        assertThat(reused).as("its process id now names a process that started at another time").doesNotExist();
        assertThat(neverLocked).as("never locked, its process gone, for minutes").doesNotExist();
        assertThat(oldUnowned).as("of an older version, a day old").doesNotExist();
        assertThat(deleted).isEqualTo(4);
        assertThat(live).as("this JVM's").exists();
        assertThat(lockedElsewhere).as("locked by a live process, whatever its name says (another container's)")
                .exists();
        assertThat(starting).as("its check may be about to lock it").exists();
        assertThat(locking).as("its lock file is new: its check may be about to lock it").exists();
        assertThat(newUnowned).as("of an older version, maybe still running").exists();
        assertThat(other).exists();
        assertThat(link).as("a link is never followed").exists();
        assertThat(elsewhere.resolve("keep.txt")).exists();
    }

    /** A check directory as a forked check leaves it: a run directory with its results, and its lock file. */
    private Path check(String suffix, boolean lockFile) throws Exception {
        Path directory = Files.createDirectories(temporary.resolve(StaleCheckDirectories.PREFIX + suffix));
        Path run = Files.createDirectories(directory.resolve("run-1-123"));
        Files.writeString(run.resolve("results.jsonl"), "{}\n");
        if (lockFile) {
            Files.setLastModifiedTime(Files.writeString(directory.resolve(StaleCheckDirectories.LOCK), ""),
                    FileTime.from(Instant.now().minusSeconds(10)));
        }
        return directory;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
