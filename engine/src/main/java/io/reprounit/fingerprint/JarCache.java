package io.reprounit.fingerprint;

import io.reprounit.artifact.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What was learned of each jar — its digest and Maven coordinates — kept across JVMs, by path, size and modification
 * time. A cold JVM hashes at a fraction of its warm speed, so digesting the 50 jars of a typical test class path took two
 * seconds of every Surefire fork; jars in a Maven repository do not change, and one that does changes size or time.
 * A jar modified in the last two seconds is not remembered, as git does with racily clean files. The file lives in the
 * user's cache directory; losing it, or a concurrent fork's write winning over ours, costs only time.
 */
final class JarCache {

    /**
     * @param classPath the jars its manifest's {@code Class-Path} names, absolute; {@code null} where an older cache did
     *                  not record them
     */
    record Entry(long size, long modifiedMillis, String digest, String name, String version,
            @org.jspecify.annotations.Nullable List<String> classPath) {}

    private static final long RACY_MILLIS = 2_000;
    /** The first line since the manifest class path is kept; a file without it is of the previous format. */
    private static final String FORMAT = "reprounit jars 2";

    private final @Nullable Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /**
     * The lines of jars not asked for yet, by path: the file holds every jar any project of this user put on a class
     * path, and a fresh JVM parses only the few dozen on its own.
     */
    private final Map<String, String> unread = new ConcurrentHashMap<>();
    private volatile boolean withClassPath;
    private volatile boolean changed;

    private JarCache(@Nullable Path file) {
        this.file = file;
    }

    /** The cache in the user's cache directory, or one that remembers nothing where there is no home directory. */
    static JarCache inUserCache() {
        String home = System.getProperty("user.home");
        JarCache cache = new JarCache(home == null || home.isBlank() ? null
                : Path.of(home, ".cache", "reprounit", "jars.tsv"));
        cache.load();
        return cache;
    }

    static JarCache at(Path file) {
        JarCache cache = new JarCache(file);
        cache.load();
        return cache;
    }

    Optional<Entry> get(Path jar, long size, long modifiedMillis) {
        Entry entry = entries.get(jar.toString());
        if (entry == null) {
            entry = parse(unread.remove(jar.toString()));
            if (entry != null) {
                entries.put(jar.toString(), entry);
            }
        }
        return entry != null && entry.size() == size && entry.modifiedMillis() == modifiedMillis
                ? Optional.of(entry) : Optional.empty();
    }

    void put(Path jar, Entry entry) {
        if (System.currentTimeMillis() - entry.modifiedMillis() > RACY_MILLIS) {
            entries.put(jar.toString(), entry);
            changed = true;
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            // One string, split on line ends: a fresh JVM decodes it at a fraction of what a line reader costs.
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            withClassPath = lines.length > 0 && lines[0].equals(FORMAT);
            for (int i = withClassPath ? 1 : 0; i < lines.length; i++) {
                int tab = lines[i].indexOf('\t');
                if (tab > 0) {
                    unread.put(lines[i].substring(0, tab), lines[i]);
                }
            }
        } catch (IOException | RuntimeException e) {
            unread.clear(); // unreadable or from another version: start afresh, it is only a cache
        }
    }

    /** A line of the file as an entry; {@code null} where there is none, or it does not parse. */
    private @org.jspecify.annotations.Nullable Entry parse(@org.jspecify.annotations.Nullable String line) {
        if (line == null) {
            return null;
        }
        String[] fields = line.split("\t");
        try {
            if (withClassPath ? fields.length < 6 : fields.length != 6) {
                return null;
            }
            return new Entry(Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields[3], fields[4], fields[5],
                    withClassPath ? List.of(fields).subList(6, fields.length) : null);
        } catch (NumberFormatException e) {
            return null; // damaged: the jar is read again
        }
    }

    /** Writes the cache if anything was added: to a temporary file first, so that a reader never sees half of it. */
    void save() {
        if (file == null || !changed) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        // Lines of another project's jars are kept while the jar exists, so that the file does not grow with every
        // temporary directory a build ever used.
        unread.forEach((path, line) -> {
            if (withClassPath && !entries.containsKey(path) && exists(path)) {
                lines.add(line);
            }
        });
        entries.forEach((path, entry) -> {
            List<String> fields = new ArrayList<>(List.of(path, Long.toString(entry.size()),
                    Long.toString(entry.modifiedMillis()), entry.digest(), entry.name(), entry.version()));
            fields.addAll(entry.classPath() == null ? List.of() : entry.classPath());
            lines.add(String.join("\t", fields));
        });
        try {
            AtomicFiles.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            changed = false;
        } catch (IOException | RuntimeException e) {
            // A read-only home directory: every JVM hashes its jars again, which is slower but just as right.
        }
    }

    private static boolean exists(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (RuntimeException e) {
            return false; // not a path of this file system
        }
    }
}
