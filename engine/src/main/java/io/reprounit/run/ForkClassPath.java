package io.reprounit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The class path a forked JVM starts with: the test JVM's entries, with its jars first where that finds exactly the
 * same classes and resources, so that their classes can go into the class data sharing archive ({@link ClassArchive}).
 * Java 17 archives the classes of a class path only up to its first directory, and a test class path starts with
 * {@code target/test-classes}; a JVM may map an archive whose class path begins the one it runs with.
 *
 * <p>Moving the directories after the jars changes nothing a class loader finds as long as no file of a directory is
 * also in a jar: each name is then in one place only, and the order among directories and among jars is kept. Where
 * one is in both (a class a test shadows, a {@code META-INF/services} file, a resource of the same name), or a jar
 * names others in its manifest, or an entry is a wildcard, the order is kept as it is, and only jars ahead of the first
 * directory are archived. Looking up a directory itself ({@code getResources("com/acme")}, as class path scanners do)
 * may list the same roots in another order; every forked run of the test JVM sees the same one.
 *
 * @param entries     the entries to start the JVM with
 * @param original    the entries in the test JVM's order, which the forked JVM shows as {@code java.class.path}
 * @param archivable  the jars that {@code entries} start with, whose classes may be archived
 */
record ForkClassPath(List<String> entries, List<String> original, List<String> archivable) {

    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");
    /** One test JVM forks with one class path, mostly: its proof walks every directory and opens every jar once. */
    private static final Map<List<String>, ForkClassPath> PROVEN = new ConcurrentHashMap<>();

    ForkClassPath {
        entries = List.copyOf(entries);
        original = List.copyOf(original);
        archivable = List.copyOf(archivable);
    }

    /** {@link #of}, once per list of entries in this JVM. */
    static ForkClassPath cached(List<String> entries) {
        return PROVEN.computeIfAbsent(List.copyOf(entries), ForkClassPath::of);
    }

    /** The forked JVM's class path for {@code entries}, absolute paths in the test JVM's order. */
    static ForkClassPath of(List<String> entries) {
        List<String> jars = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean movable = true;
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (entry.endsWith("*")) {
                movable = false;
                rest.add(entry);
            } else if (Files.isRegularFile(path) && isArchive(entry)) {
                jars.add(entry);
            } else {
                rest.add(entry); // a directory, or nothing: the JVM skips an entry that is not there
            }
        }
        if (movable && !rest.isEmpty() && !jars.isEmpty()) {
            try {
                movable = disjoint(rest, jars);
            } catch (IOException | UncheckedIOException e) {
                movable = false; // what cannot be read cannot be proven
            }
        }
        if (movable) {
            List<String> reordered = new ArrayList<>(jars);
            reordered.addAll(rest);
            return new ForkClassPath(reordered, entries, jars);
        }
        int firstOther = 0;
        while (firstOther < entries.size() && jars.contains(entries.get(firstOther))) {
            firstOther++;
        }
        return new ForkClassPath(entries, entries, entries.subList(0, firstOther));
    }

    /** The name under which a jar serves its entry {@code name}: a multi-release jar's versions as the classes. */
    static String servedName(String name) {
        return VERSIONED.matcher(name).replaceFirst("");
    }

    private static boolean isArchive(String entry) {
        String name = entry.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    /** Whether the jars were moved ahead of the directories. */
    boolean reordered() {
        return !entries.equals(original);
    }

    /**
     * Whether no file under {@code directories} has its name in {@code jars} as well, and no jar names further jars
     * in its manifest's {@code Class-Path}.
     */
    private static boolean disjoint(List<String> directories, List<String> jars) throws IOException {
        Set<String> inDirectories = new HashSet<>();
        for (String directory : directories) {
            Path root = Path.of(directory);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .forEach(file -> inDirectories.add(root.relativize(file).toString().replace('\\', '/')));
            }
        }
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar, false)) {
                Manifest manifest = file.getManifest();
                if (manifest != null && manifest.getMainAttributes().containsKey(Attributes.Name.CLASS_PATH)) {
                    return false;
                }
                for (Enumeration<? extends ZipEntry> it = file.entries(); it.hasMoreElements();) {
                    ZipEntry entry = it.nextElement();
                    String name = servedName(entry.getName());
                    if (!entry.isDirectory() && inDirectories.contains(name)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
