package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Digests;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A class data sharing archive of the classes that forked runs load from the JDK and from the jars their class path
 * starts with ({@link ForkClassPath#archivable()}), made once per JDK, class path and user on this machine and mapped
 * by every later forked JVM ({@code -XX:SharedArchiveFile}) instead of the JDK's default archive, which holds only what
 * a JVM needs to start: a forked run then maps the engine's, its libraries' and about 1,500 more JDK classes instead of
 * loading and verifying them one by one. A pipeline's own classes, in directories, are loaded as always.
 *
 * <p>The first forked run of a test JVM, where there is no archive yet, lists the classes it loads
 * ({@code -XX:DumpLoadedClassList}); once it ends, the archive is dumped from that list in the background, and forked
 * JVMs started after that map it. It lives in the temporary directory, in a directory only its owner may write, since a
 * JVM trusts the archive it maps; one whose dump failed is not tried again. A JVM that cannot map it (another JDK build
 * under the same path, a jar changed since) runs as without class data sharing. The most recently used archives are
 * kept, the others deleted when a new one is made.
 */
final class ClassArchive {

    private static final String DIRECTORY_PREFIX = "reprounit-jdk-classes-";
    /** How many archives of other class paths a directory keeps: about 20 MB each. */
    private static final int KEPT = 8;
    /** By archive: the dump that this JVM's first forked run of that class path started, or will. */
    private static final Map<Path, CompletableFuture<Optional<Path>>> DUMPS = new ConcurrentHashMap<>();
    /** Archives whose use this JVM marked, by their time, so that they are the last to be deleted. */
    private static final Set<Path> USED = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final String name;
    private final UserPrincipal owner;
    private final List<String> jars;

    private ClassArchive(Path directory, String name, UserPrincipal owner, List<String> jars) {
        this.directory = requireNonNull(directory);
        this.name = requireNonNull(name);
        this.owner = requireNonNull(owner);
        this.jars = List.copyOf(jars);
    }

    /**
     * The archive of this JVM's JDK and of {@code classPath}'s archivable jars for the user that owns
     * {@code ownedFile}, under {@code temporary}.
     */
    static ClassArchive of(Path temporary, Path ownedFile, ForkClassPath classPath) throws IOException {
        UserPrincipal owner = Files.getOwner(ownedFile);
        String user = owner.getName().replaceAll("[^A-Za-z0-9._-]", "_");
        List<String> jars = classPath.archivable();
        String name = jars.isEmpty() ? "jdk-" + jdkKey() : "classes-" + jdkKey() + "-" + jarsKey(jars);
        return new ClassArchive(temporary.resolve(DIRECTORY_PREFIX + user), name, owner, jars);
    }

    /**
     * The options that a forked JVM about to start takes: the archive where there is one, the class list to make it
     * from where this is the test JVM's first forked run of this class path, or none.
     */
    List<String> options() {
        Optional<Path> archive = archive();
        if (archive.isPresent()) {
            markUsed(archive.get());
            return List.of("-XX:SharedArchiveFile=" + archive.get());
        }
        CompletableFuture<Optional<Path>> dump = new CompletableFuture<>();
        if (!Files.exists(failedMarker()) && DUMPS.putIfAbsent(file(), dump) == null) {
            try {
                OwnerOnly.createDirectories(directory);
                if (trusted(directory)) {
                    return List.of("-XX:DumpLoadedClassList=" + classList());
                }
            } catch (IOException e) {
                // No archive then: forked runs start as they would without one.
            }
            dump.complete(Optional.empty());
        }
        return List.of();
    }

    /**
     * Called when a forked JVM started with {@code options} has ended: where it listed its classes, dumps the archive
     * from them on a thread of its own, with {@code java}.
     */
    void ended(List<String> options, Path java) {
        if (options.stream().noneMatch(option -> option.startsWith("-XX:DumpLoadedClassList="))) {
            return;
        }
        CompletableFuture<Optional<Path>> dump = DUMPS.computeIfAbsent(file(), n -> new CompletableFuture<>());
        Thread dumping = new Thread(() -> dump.complete(dump(java)), "reprounit-class-archive");
        dumping.setDaemon(true);
        dumping.start();
    }

    /**
     * The archive, for tests: the one there is, or the one this JVM's first forked run is dumped into; empty where
     * there is none, or the dump took longer than {@code timeout}.
     */
    Optional<Path> awaitArchive(Duration timeout) {
        Optional<Path> archive = archive();
        CompletableFuture<Optional<Path>> dump = DUMPS.get(file());
        if (archive.isPresent() || dump == null) {
            return archive;
        }
        try {
            return dump.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The archive's file name without {@code .jsa}: the JDK and the jars it belongs to. */
    String name() {
        return name;
    }

    Optional<Path> archive() {
        Path archive = file();
        return Files.isRegularFile(archive) && trusted(directory) && trusted(archive) ? Optional.of(archive)
                : Optional.empty();
    }

    private Optional<Path> dump(Path java) {
        Path list = classList();
        Path archivedList = directory.resolve(name + "." + ProcessHandle.current().pid() + ".archived.classlist");
        Path dumping = directory.resolve(name + "." + ProcessHandle.current().pid() + ".jsa.tmp");
        Path log = directory.resolve(name + "." + ProcessHandle.current().pid() + ".log");
        try {
            try (BufferedReader in = Files.newBufferedReader(list, StandardCharsets.UTF_8);
                    BufferedWriter out = OwnerOnly.newWriter(archivedList)) {
                for (String line : ArchivedClasses.lines(in.lines().toList(), ArchivedClasses.jdkPackages(),
                        ArchivedClasses.jarClasses(jars))) {
                    out.write(line);
                    out.newLine();
                }
            }
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + archivedList, "-XX:SharedArchiveFile=" + dumping));
            if (!jars.isEmpty()) {
                command.addAll(List.of("-cp", String.join(File.pathSeparator, jars)));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            ForkSetup.OPTION_VARIABLES.forEach(builder.environment()::remove);
            Process process = builder.start();
            boolean ended = process.waitFor(2, TimeUnit.MINUTES);
            if (!ended || process.exitValue() != 0 || !Files.isRegularFile(dumping)) {
                process.destroyForcibly();
                Files.move(log, failedMarker(), StandardCopyOption.REPLACE_EXISTING);
                return Optional.empty();
            }
            Path archive = file();
            Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteLeastRecentlyUsed(archive);
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            for (Path leftOver : List.of(list, archivedList, dumping, log)) {
                try {
                    Files.deleteIfExists(leftOver);
                } catch (IOException e) {
                    // A leftover list or log costs nothing: the next dump writes files of its own name.
                }
            }
        }
    }

    /** Keeps {@code made} and the {@value #KEPT} archives used last; a JVM that maps one of the others keeps it. */
    private void deleteLeastRecentlyUsed(Path made) throws IOException {
        List<Path> others;
        try (Stream<Path> files = Files.list(directory)) {
            others = files.filter(file -> file.getFileName().toString().endsWith(".jsa") && !file.equals(made))
                    .sorted(Comparator.comparing(ClassArchive::lastModified).reversed()).toList();
        }
        for (Path old : others.subList(Math.min(KEPT, others.size()), others.size())) {
            Files.deleteIfExists(old); // a JVM that maps it keeps its pages
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Marks the archive as used now, once per JVM: the sweep deletes archives used least recently. */
    private static void markUsed(Path archive) {
        if (USED.add(archive)) {
            try {
                Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // Then it is as old as it was made.
            }
        }
    }

    /** Where the archive is, or will be. */
    private Path file() {
        return directory.resolve(name + ".jsa");
    }

    private Path classList() {
        return directory.resolve(name + "." + ProcessHandle.current().pid() + ".classlist");
    }

    private Path failedMarker() {
        return directory.resolve(name + ".failed");
    }

    /** Owned by this user, and writable by nobody else where the file system says. */
    private boolean trusted(Path path) {
        try {
            if (!Files.getOwner(path).equals(owner)) {
                return false;
            }
            @Nullable PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix == null) {
                return true;
            }
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            return !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /** The jars by path, size and time: a JVM maps no archive of a jar that changed since. */
    private static String jarsKey(List<String> jars) throws IOException {
        StringBuilder key = new StringBuilder();
        for (String jar : jars) {
            Path path = Path.of(jar);
            key.append(jar).append('\n').append(Files.size(path)).append('\n')
                    .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
        }
        return sha256(key.toString());
    }

    /** The JDK by its home and exact build: an archive maps only into the JVM that dumped it. */
    private static String jdkKey() {
        return sha256(System.getProperty("java.home") + "\n" + System.getProperty("java.vm.name") + "\n"
                + System.getProperty("java.vm.version"));
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(Digests.newSha256().digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }
}
