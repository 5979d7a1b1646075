package io.reprounit.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * The jars that classes reach through one class loader: where the loader finds each class, and, for a class in a jar,
 * every class its constant pool names, followed from jar to jar, so that a jar reached only through another jar is
 * found too. At class level inside libraries: a class is followed whole, whichever of its methods runs. JDK classes
 * are not followed, being the environment's business, nor project classes (from a directory), the methods a step
 * reaches being the bytecode traversal's business.
 *
 * <p>The classes each library class names are read once per JVM, by jar, size and modification time, so that the
 * steps of every pipeline share them. What this cannot see is a class loaded by name — reflection, a {@link
 * java.util.ServiceLoader} — which is why a jar that nothing is seen to reach counts for every step.
 */
final class ReachedJars {

    /** A jar as it is on disk: a rebuilt jar at the same path is another jar. */
    private record JarStamp(Path jar, long size, long modifiedMillis) {}

    /** The classes each library class names, by jar, for the life of the JVM. */
    private static final Map<JarStamp, Map<String, List<String>>> NAMED = new ConcurrentHashMap<>();

    /** Where a class was found: in a jar of the class path, or elsewhere (the JDK, a project directory, not found). */
    private record Location(@Nullable Path jar) {

        static final Location ELSEWHERE = new Location(null);
    }

    private final ClassLoader loader;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    private final Map<Path, Optional<JarStamp>> stamps = new ConcurrentHashMap<>();

    ReachedJars(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The jars reached from {@code classes}: those holding them, and every jar reached from there. Classes of the
     * project's directories are left where they are met.
     */
    Set<Path> from(Collection<String> classes) {
        Set<Path> jars = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(classes);
        Map<Path, JarFile> open = new HashMap<>();
        try {
            while (!pending.isEmpty()) {
                String name = pending.poll();
                if (!seen.add(name) || isJdk(name)) {
                    continue;
                }
                Location location = locate(name);
                if (location.jar() != null) {
                    jars.add(location.jar());
                    pending.addAll(namedInJar(location.jar(), name, open));
                }
            }
        } finally {
            for (JarFile jar : open.values()) {
                try {
                    jar.close();
                } catch (IOException e) {
                    // Read only: nothing was lost.
                }
            }
        }
        return jars;
    }

    /**
     * The jars that hold a class named by a class file of {@code directories}, not followed further: reading every
     * library class the project reaches took seconds of a fresh JVM, and a jar left out here counts for every step.
     */
    Set<Path> namedIn(Collection<Path> directories) {
        Set<String> named = new HashSet<>();
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.filter(file -> file.getFileName().toString().endsWith(".class"))
                        .forEach(file -> named.addAll(named(file)));
            } catch (IOException | RuntimeException e) {
                // A directory that cannot be listed names no jar: the jars it names count for every step.
            }
        }
        return holding(named);
    }

    /** The jars that hold these classes. */
    Set<Path> holding(Collection<String> classes) {
        Set<Path> jars = new HashSet<>();
        for (String name : classes) {
            Path jar = isJdk(name) ? null : locate(name).jar();
            if (jar != null) {
                jars.add(jar);
            }
        }
        return jars;
    }

    /** JDK classes by name, so that the common ones cost no look-up; others are told by where the loader finds them. */
    private static boolean isJdk(String name) {
        return name.startsWith("java/") || name.startsWith("jdk/") || name.startsWith("sun/");
    }

    private Location locate(String name) {
        Location known = locations.get(name);
        if (known == null) {
            known = find(name);
            locations.put(name, known);
        }
        return known;
    }

    private Location find(String name) {
        URL resource = loader.getResource(name + ".class");
        if (resource == null) {
            return Location.ELSEWHERE;
        }
        try {
            if ("jar".equals(resource.getProtocol())) {
                String path = resource.getPath();
                int separator = path.indexOf("!/");
                if (separator > 0 && path.startsWith("file:")) {
                    return new Location(Path.of(new URI(path.substring(0, separator))).toAbsolutePath().normalize());
                }
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // Not a local file: nothing to follow.
        }
        return Location.ELSEWHERE;
    }

    /** The classes a class of a jar names, read once per JVM and jar. */
    private List<String> namedInJar(Path jar, String name, Map<Path, JarFile> open) {
        Optional<JarStamp> stamp = stamps.computeIfAbsent(jar, ReachedJars::stamp);
        if (stamp.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> named = NAMED.computeIfAbsent(stamp.get(), s -> new ConcurrentHashMap<>());
        List<String> known = named.get(name);
        if (known != null) {
            return known;
        }
        List<String> read = List.of();
        try {
            JarFile file = open.get(jar);
            if (file == null) {
                file = new JarFile(jar.toFile());
                open.put(jar, file);
            }
            ZipEntry entry = file.getEntry(name + ".class");
            if (entry != null) {
                try (InputStream in = file.getInputStream(entry)) {
                    read = classesNamed(in.readAllBytes());
                }
            }
        } catch (IOException | RuntimeException e) {
            // A class ASM cannot read names nothing: the jars only it reaches count for every step, unclaimed.
        }
        named.put(name, read);
        return read;
    }

    private static List<String> named(Path classFile) {
        try {
            return classesNamed(Files.readAllBytes(classFile));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The classes a class file's constant pool names — its superclass and interfaces, and every class its code uses —
     * by internal name, arrays by their element class.
     */
    static List<String> classesNamed(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        List<String> classes = new ArrayList<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            // CONSTANT_Class (7) is one tag byte before its name's index; a long or double takes two slots, item 0.
            if (offset > 0 && reader.readByte(offset - 1) == 7) {
                String name = reader.readUTF8(offset, buffer);
                if (name.startsWith("[")) {
                    Type element = Type.getType(name).getElementType();
                    if (element.getSort() == Type.OBJECT) {
                        classes.add(element.getInternalName());
                    }
                } else {
                    classes.add(name);
                }
            }
        }
        return classes;
    }

    private static Optional<JarStamp> stamp(Path jar) {
        try {
            return Optional.of(new JarStamp(jar, Files.size(jar), Files.getLastModifiedTime(jar).toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
