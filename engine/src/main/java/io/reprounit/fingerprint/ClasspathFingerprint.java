package io.reprounit.fingerprint;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * One part per jar on the classpath: named by its Maven coordinates where the jar carries them, valued by its version,
 * with the SHA-256 of the file. Directories on the classpath ({@code target/classes}) are left to the bytecode parts of
 * the steps, which see exactly the methods each step runs.
 */
final class ClasspathFingerprint {

    private ClasspathFingerprint() {}

    /**
     * The class path that {@code loader} sees: {@code java.class.path}, then the entries of every {@link
     * java.net.URLClassLoader} from the application class loader down to {@code loader}. A launcher given its class
     * path as an argument (the console launcher's {@code --class-path}, some IDE runners) loads the tests through such
     * a loader, and {@code java.class.path} alone would leave out every dependency of the project.
     */
    static String seenBy(@org.jspecify.annotations.Nullable ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            chain.add(0, current); // parents first, as they are searched
        }
        for (ClassLoader current : chain) {
            if (current instanceof java.net.URLClassLoader urls) {
                for (java.net.URL url : urls.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            entries.add(Path.of(url.toURI()).toString());
                        }
                    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                        // Not a local file: nothing on this machine to digest.
                    }
                }
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    static List<FingerprintPart> take(String classPath, JarCache cache) {
        return new ArrayList<>(byJar(classPath, cache).values());
    }

    /** The parts of {@link #take}, by the jar each is of, in class path order. */
    static java.util.Map<Path, FingerprintPart> byJar(String classPath, JarCache cache) {
        java.util.Map<Path, FingerprintPart> parts = new java.util.LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        for (Path jar : jars(classPath, cache)) {
            if (isLauncherJar(jar)) {
                continue;
            }
            JarCache.Entry known = known(jar, cache);
            Coordinates coordinates = new Coordinates(known.name(), known.version());
            String name = "jar:" + coordinates.name();
            if (!names.add(name)) {
                name = "jar:" + jar.getFileName(); // two copies of one artifact: both count, by file name
                if (!names.add(name)) {
                    continue;
                }
            }
            parts.put(jar, FingerprintPart.ofContent(Aspect.CODE, name, coordinates.version(), known.digest()));
        }
        cache.save();
        return parts;
    }

    /** Digest and coordinates of a jar, from the cache where its size and time match, else read and remembered. */
    private static JarCache.Entry known(Path jar, JarCache cache) {
        long size;
        long modified;
        try {
            size = java.nio.file.Files.size(jar);
            modified = java.nio.file.Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the attributes of " + jar, e);
        }
        Optional<JarCache.Entry> known = cache.get(jar, size, modified);
        if (known.isPresent() && known.get().classPath() != null) {
            return known.get();
        }
        JarCache.Entry entry = known.orElseGet(() -> {
            Coordinates coordinates = coordinates(jar);
            return new JarCache.Entry(size, modified, io.reprounit.artifact.PathContent.digest(jar), coordinates.name(),
                    coordinates.version(), null);
        });
        List<String> classPath = manifestClassPath(jar).stream().map(Path::toString).toList();
        JarCache.Entry complete = new JarCache.Entry(size, modified, entry.digest(), entry.name(), entry.version(),
                classPath);
        cache.put(jar, complete);
        return complete;
    }

    /**
     * Surefire's booter jar has a new random name in every fork and holds nothing but a manifest: its entries count,
     * it does not.
     */
    private static boolean isLauncherJar(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("surefirebooter") || name.startsWith("failsafebooter");
    }

    /**
     * The jars of a class path, in order, with the {@code Class-Path} of their manifests followed: Surefire's
     * manifest-only booter jar carries the whole test class path that way.
     */
    static List<Path> jars(String classPath, JarCache cache) {
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addJar(Path.of(entry).toAbsolutePath().normalize(), jars, cache);
            }
        }
        return new ArrayList<>(jars);
    }

    private static void addJar(Path path, Set<Path> jars, JarCache cache) {
        if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar") || !jars.add(path)) {
            return;
        }
        for (Path referenced : rememberedClassPath(path, cache).orElseGet(() -> manifestClassPath(path))) {
            addJar(referenced, jars, cache);
        }
    }

    /**
     * A jar's manifest class path as the cache remembers it, where size and time match: opening every jar only to find
     * that its manifest names nothing took half the time of this part in a fresh JVM.
     */
    private static Optional<List<Path>> rememberedClassPath(Path jar, JarCache cache) {
        try {
            long size = Files.size(jar);
            long modified = Files.getLastModifiedTime(jar).toMillis();
            return cache.get(jar, size, modified).map(JarCache.Entry::classPath)
                    .map(paths -> paths.stream().map(Path::of).toList());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> referenced = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return referenced;
            }
            for (String entry : classPath.trim().split("\\s+")) {
                try {
                    java.net.URI uri = java.util.Objects.requireNonNull(jar.toAbsolutePath().getParent()).toUri().resolve(entry);
                    referenced.add(Path.of(uri).toAbsolutePath().normalize());
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // Not a file URL: nothing on this machine to digest.
                }
            }
        } catch (IOException e) {
            // An unreadable jar still gets its part, by file digest; it simply refers to nothing else.
        }
        return referenced;
    }

    private record Coordinates(String name, String version) {}

    /** {@code groupId:artifactId} and version from the jar's single {@code pom.properties}, else the file name. */
    private static Coordinates coordinates(Path jar) {
        String fileName = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            Properties found = null;
            Enumeration<java.util.jar.JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    if (found != null) {
                        found = null; // a shaded jar with several: the file name is more honest
                        break;
                    }
                    found = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        found.load(in);
                    }
                }
            }
            if (found != null && found.getProperty("groupId") != null && found.getProperty("artifactId") != null) {
                return new Coordinates(found.getProperty("groupId") + ":" + found.getProperty("artifactId"),
                        found.getProperty("version", fileName));
            }
        } catch (IOException e) {
            // Fall back to the file name below.
        }
        return new Coordinates(fileName, fileName);
    }
}
