package io.reprounit.fingerprint;

import io.reprounit.artifact.AtomicFiles;
import io.reprounit.artifact.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The bytecode parts of steps, kept across JVMs. A fresh JVM spends tens of milliseconds loading ASM and reading every
 * class a step reaches; an entry here holds the part with the path, size and modification time of each class file the
 * step's traversal read, and is believed only while all of them are as they were — so recompiling any class the step
 * reaches, or a superclass its calls were resolved through, makes the traversal run again. What it cannot see is a
 * class newly put earlier on the class path that hides one the step reached, or one from a jar: a change of build
 * layout, not of code.
 *
 * <p>One table per directory of step classes, in the user's cache directory; a class file modified in the last two
 * seconds is not remembered, as git does with racily clean entries. A damaged table is ignored, and a concurrent fork's
 * write winning over ours costs only time.
 */
final class BytecodeCache {

    private static final String FORMAT = "reprounit bytecode 1";
    private static final long RACY_MILLIS = 2_000;

    private record ClassFile(String path, long size, long modifiedMillis) {

        /**
         * Compared field by field rather than with {@code equals}: a record's {@code equals} is bootstrapped through
         * method handles on first use, dozens of generated classes that a fresh JVM pays for on this path alone.
         */
        boolean isStampOf(ClassFile now) {
            return size == now.size && modifiedMillis == now.modifiedMillis && path.equals(now.path);
        }
    }

    private record Entry(String digest, String value, List<ClassFile> files) {}

    private final @Nullable Path directory;
    private final Map<Path, Map<String, Entry>> tables = new ConcurrentHashMap<>();

    private BytecodeCache(@Nullable Path directory) {
        this.directory = directory;
    }

    /** The cache in the user's cache directory, or one that remembers nothing where there is no home directory. */
    static BytecodeCache inUserCache() {
        String home = System.getProperty("user.home");
        return new BytecodeCache(home == null || home.isBlank() ? null : Path.of(home, ".cache", "reprounit", "bytecode"));
    }

    static BytecodeCache at(Path directory) {
        return new BytecodeCache(directory);
    }

    static BytecodeCache none() {
        return new BytecodeCache(null);
    }

    /** The part remembered for the step {@code key} whose class file is {@code stepClass}, if no class it read changed. */
    Optional<FingerprintPart> get(Path stepClass, String key) {
        Entry entry = table(stepClass).get(key);
        if (entry == null) {
            return Optional.empty();
        }
        for (ClassFile file : entry.files()) {
            Optional<ClassFile> now = stamp(Path.of(file.path()));
            if (now.isEmpty() || !file.isStampOf(now.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(FingerprintPart.ofContent(Aspect.CODE, "bytecode", entry.value(), entry.digest()));
    }

    /** Remembers a step's part with the class files its traversal read, unless one of them was written just now. */
    void put(Path stepClass, String key, FingerprintPart part, Collection<Path> classFiles) {
        if (directory == null || part.value().contains("\t") || part.value().contains("\n")) {
            return;
        }
        List<ClassFile> files = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Path classFile : classFiles) {
            Optional<ClassFile> stamp = stamp(classFile);
            if (stamp.isEmpty() || now - stamp.get().modifiedMillis() < RACY_MILLIS
                    || stamp.get().path().contains("\t")) {
                return;
            }
            files.add(stamp.get());
        }
        Map<String, Entry> table = table(stepClass);
        table.put(key, new Entry(part.digest(), part.value(), List.copyOf(files)));
        save(tableFile(stepClass), table);
    }

    private Map<String, Entry> table(Path stepClass) {
        if (directory == null) {
            return new ConcurrentHashMap<>();
        }
        return tables.computeIfAbsent(tableFile(stepClass), BytecodeCache::load);
    }

    private Path tableFile(Path stepClass) {
        Path classDirectory = java.util.Objects.requireNonNull(stepClass.toAbsolutePath().normalize().getParent());
        return java.util.Objects.requireNonNull(directory, "a cache with a directory").resolve(Digests.shortForm(Digests.sha256(classDirectory.toString())) + ".tsv");
    }

    /** Key, digest, value, then path, size and time of each class file read; a line that does not parse is skipped. */
    private static Map<String, Entry> load(Path file) {
        Map<String, Entry> table = new ConcurrentHashMap<>();
        try {
            if (!Files.isRegularFile(file)) {
                return table;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
                return table;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                if (fields.length < 6 || fields.length % 3 != 0 || !fields[1].startsWith("sha256:")) {
                    continue;
                }
                List<ClassFile> files = new ArrayList<>();
                for (int i = 3; i < fields.length; i += 3) {
                    files.add(new ClassFile(fields[i], Long.parseLong(fields[i + 1]), Long.parseLong(fields[i + 2])));
                }
                table.put(fields[0], new Entry(fields[1], fields[2], List.copyOf(files)));
            }
        } catch (IOException | RuntimeException e) {
            table.clear(); // unreadable or damaged: start afresh, it is only a cache
        }
        return table;
    }

    /** Written after every traversal that ran: they are few once a build has run, and a fork may end at any time. */
    private static void save(Path file, Map<String, Entry> table) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        table.forEach((key, entry) -> {
            text.append(key).append('\t').append(entry.digest()).append('\t').append(entry.value());
            for (ClassFile classFile : entry.files()) {
                text.append('\t').append(classFile.path()).append('\t').append(classFile.size()).append('\t')
                        .append(classFile.modifiedMillis());
            }
            text.append('\n');
        });
        try {
            AtomicFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // A read-only home directory: every JVM reads its classes again, which is slower but just as right.
        }
    }

    private static Optional<ClassFile> stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new ClassFile(file.toAbsolutePath().normalize().toString(), attributes.size(),
                    attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
