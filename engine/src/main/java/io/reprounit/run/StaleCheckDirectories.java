package io.reprounit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary directories of forked checks, {@code reprounit-check-<pid>-<start>-<random>}, each holding a lock file
 * that its JVM keeps locked while the check runs. A check killed from outside cannot delete its directory, but the
 * operating system releases its lock, so the next check recognises the directory as stale and deletes it. The lock
 * answers across process-id namespaces (containers sharing a temporary directory) and whatever became of the process
 * id; the name, which says who owns the directory from the moment it exists, answers for the instant before the lock
 * file does: the owner's process is gone, or its id belongs to a process that started at another time.
 */
final class StaleCheckDirectories {

    static final String PREFIX = "reprounit-check-";
    static final String LOCK = "owner.lock";

    /**
     * Directories of versions that did not name their owner are deleted once this old: no forked run lasts a day, and
     * they may hold the system properties those versions wrote in clear.
     */
    static final Duration UNOWNED_AGE = Duration.ofDays(1);

    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-\\d+");
    private static final Pattern UNOWNED = Pattern.compile(Pattern.quote(PREFIX) + "\\d+");
    /** Start times are read from the process table, to the clock's tick; a second apart is another process. */
    private static final long SAME_START_MILLIS = 1_000;
    /** Longer than a directory can go without its lock file while its check starts. */
    private static final Duration UNLOCKED_AGE = Duration.ofMinutes(1);
    /** Longer than a check takes from creating its lock file to locking it. */
    private static final Duration LOCKING = Duration.ofSeconds(2);

    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private StaleCheckDirectories() {}

    /** The prefix of a directory that this JVM owns, for {@link java.nio.file.Files#createTempDirectory}. */
    static String prefixOfThisProcess() {
        return PREFIX + ProcessHandle.current().pid() + "-" + startOfThisProcess() + "-";
    }

    /**
     * Locks {@code directory} for this JVM until the returned channel is closed (or the JVM ends, however it ends).
     */
    static FileChannel lock(Path directory) throws IOException {
        FileChannel channel = OwnerOnly.createChannel(directory.resolve(LOCK));
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long startOfThisProcess() {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Deletes the stale check directories under {@code temporary} owned by {@code owner}, once per JVM and directory:
     * those that JVMs killed until now left behind.
     */
    static void sweepOnce(Path temporary, UserPrincipal owner) {
        if (SWEPT.add(temporary.toAbsolutePath().normalize())) {
            sweep(temporary, owner, Instant.now());
        }
    }

    /** Deletes the stale check directories under {@code temporary} owned by {@code owner}; returns how many. */
    static int sweep(Path temporary, UserPrincipal owner, Instant now) {
        int deleted = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(temporary, PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (isStale(candidate, owner, now) && delete(candidate)) {
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Tidying up is a courtesy: a temporary directory that cannot be listed must not fail a check.
        }
        return deleted;
    }

    /** Whether {@code candidate} is stale; where that cannot be told (it cannot be read), it is not. */
    private static boolean isStale(Path candidate, UserPrincipal owner, Instant now) {
        try {
            return isStaleOrThrow(candidate, owner, now);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isStaleOrThrow(Path candidate, UserPrincipal owner, Instant now) throws IOException {
        if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                || !owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS))) {
            return false; // a link, a file, or another user's: not ours to judge
        }
        String name = candidate.getFileName().toString();
        Matcher owned = OWNED.matcher(name);
        if (owned.matches()) {
            long pid = Long.parseLong(owned.group(1));
            long start = Long.parseLong(owned.group(2));
            if (pid == ProcessHandle.current().pid() && start == startOfThisProcess()) {
                return false; // this JVM's: never open its lock files, since closing one would release its locks
            }
            Path lock = candidate.resolve(LOCK);
            if (Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
                return olderThan(lock, now.minus(LOCKING)) && !locked(lock);
            }
            return !alive(pid, start) && olderThan(candidate, now.minus(UNLOCKED_AGE));
        }
        return UNOWNED.matcher(name).matches() && olderThan(candidate, now.minus(UNOWNED_AGE));
    }

    private static boolean olderThan(Path path, Instant time) throws IOException {
        return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(time);
    }

    /** Whether a process holds {@code lock}; where that cannot be told, it is taken to. */
    private static boolean locked(Path lock) {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }

    /** Whether process {@code pid} still runs and is the one that started at {@code startMillis} (0: unknown). */
    static boolean alive(long pid, long startMillis) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return startMillis == 0 || started.isEmpty()
                || Math.abs(started.get().toEpochMilli() - startMillis) < SAME_START_MILLIS;
    }

    /** Deletes a directory with everything in it, following no link; false where something could not be deleted. */
    static boolean delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
