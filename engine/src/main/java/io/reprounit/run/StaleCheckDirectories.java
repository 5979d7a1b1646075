package io.reprounit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * The temporary directories of forked checks, {@code reprounit-check-<pid>-<start>-<random>}: named by the process
 * that owns one and when it started, so that a check killed from outside, which cannot delete its own, leaves one
 * that the next check recognises as stale — its process is gone, or its id now belongs to a process that started at
 * another time — and deletes. The name says it at the moment the directory is made; a file inside would not yet.
 */
final class StaleCheckDirectories {

    static final String PREFIX = "reprounit-check-";

    /**
     * Directories of versions that did not name their owner are deleted once this old: no forked run lasts a day, and
     * they may hold the system properties those versions wrote in clear.
     */
    static final Duration UNOWNED_AGE = Duration.ofDays(1);

    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-\\d+");
    private static final Pattern UNOWNED = Pattern.compile(Pattern.quote(PREFIX) + "\\d+");
    /** Start times are read from the process table, to the clock's tick; a second apart is another process. */
    private static final long SAME_START_MILLIS = 1_000;

    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private StaleCheckDirectories() {}

    /** The prefix of a directory that this JVM owns, for {@link java.nio.file.Files#createTempDirectory}. */
    static String prefixOfThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return PREFIX + self.pid() + "-" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "-";
    }

    /**
     * Deletes the stale check directories under {@code temporary} owned by {@code owner}, once per JVM and directory:
     * they come from JVMs that died before this one started.
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

    private static boolean isStale(Path candidate, UserPrincipal owner, Instant now) throws IOException {
        if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                || !owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS))) {
            return false; // a link, a file, or another user's: not ours to judge
        }
        String name = candidate.getFileName().toString();
        Matcher owned = OWNED.matcher(name);
        if (owned.matches()) {
            return !alive(Long.parseLong(owned.group(1)), Long.parseLong(owned.group(2)));
        }
        return UNOWNED.matcher(name).matches() && Files.getLastModifiedTime(candidate, LinkOption.NOFOLLOW_LINKS)
                .toInstant().isBefore(now.minus(UNOWNED_AGE));
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
