package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A class data sharing archive of the JDK classes that forked runs load, made once per JDK and user on this machine and
 * mapped by every later forked JVM ({@code -XX:SharedArchiveFile}) instead of the JDK's default archive, which holds
 * only what a JVM needs to start: a forked run then loads about 1,500 fewer classes one by one. JDK classes only, since
 * Java 17 archives no class path that holds a directory, and a pipeline's classes are in one; the forked JVM's class
 * path is not touched, so a run sees its classes and resources as the test JVM does.
 *
 * <p>The first forked run of a test JVM, where there is no archive yet, lists the classes it loads
 * ({@code -XX:DumpLoadedClassList}); once it ends, the archive is dumped from that list in the background, and forked
 * JVMs started after that map it. It lives in the temporary directory, in a directory only its owner may write, since a
 * JVM trusts the archive it maps; one whose dump failed is not tried again. A JVM that cannot map it (another JDK build
 * under the same path) runs as without class data sharing.
 */
final class JdkClassArchive {

    private static final String DIRECTORY_PREFIX = "reprounit-jdk-classes-";
    /** One class list per test JVM: the first forked run's. */
    private static final AtomicBoolean LISTING = new AtomicBoolean();
    private static final CompletableFuture<Optional<Path>> DUMPED = new CompletableFuture<>();

    private final Path directory;
    private final String name;
    private final UserPrincipal owner;

    private JdkClassArchive(Path directory, String name, UserPrincipal owner) {
        this.directory = requireNonNull(directory);
        this.name = requireNonNull(name);
        this.owner = requireNonNull(owner);
    }

    /** The archive of this JVM's JDK for the user that owns {@code ownedFile}, under {@code temporary}. */
    static JdkClassArchive of(Path temporary, Path ownedFile) throws IOException {
        UserPrincipal owner = Files.getOwner(ownedFile);
        String user = owner.getName().replaceAll("[^A-Za-z0-9._-]", "_");
        return new JdkClassArchive(temporary.resolve(DIRECTORY_PREFIX + user), "jdk-" + jdkKey(), owner);
    }

    /**
     * The options that a forked JVM about to start takes: the archive where there is one, the class list to make it
     * from where this is the test JVM's first forked run, or none.
     */
    List<String> options() {
        Optional<Path> archive = archive();
        if (archive.isPresent()) {
            return List.of("-XX:SharedArchiveFile=" + archive.get());
        }
        if (!Files.exists(failedMarker()) && LISTING.compareAndSet(false, true)) {
            try {
                OwnerOnly.createDirectories(directory);
                if (trusted(directory)) {
                    return List.of("-XX:DumpLoadedClassList=" + classList());
                }
            } catch (IOException e) {
                // No archive then: forked runs start as they would without one.
            }
            DUMPED.complete(Optional.empty());
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
        Thread dumping = new Thread(() -> DUMPED.complete(dump(java)), "reprounit-jdk-classes");
        dumping.setDaemon(true);
        dumping.start();
    }

    /**
     * The archive, for tests: the one there is, or the one this JVM's first forked run is dumped into; empty where
     * there is none, or the dump took longer than {@code timeout}.
     */
    Optional<Path> awaitArchive(Duration timeout) {
        Optional<Path> archive = archive();
        if (archive.isPresent()) {
            return archive;
        }
        try {
            return DUMPED.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The archive's file name without {@code .jsa}: the JDK it belongs to. */
    String name() {
        return name;
    }

    Optional<Path> archive() {
        Path archive = directory.resolve(name + ".jsa");
        return Files.isRegularFile(archive) && trusted(directory) && trusted(archive) ? Optional.of(archive)
                : Optional.empty();
    }

    private Optional<Path> dump(Path java) {
        Path list = classList();
        Path jdkList = directory.resolve(name + "." + ProcessHandle.current().pid() + ".jdk.classlist");
        Path dumping = directory.resolve(name + "." + ProcessHandle.current().pid() + ".jsa.tmp");
        Path log = directory.resolve(name + "." + ProcessHandle.current().pid() + ".log");
        try {
            try (BufferedReader in = Files.newBufferedReader(list, StandardCharsets.UTF_8);
                    BufferedWriter out = OwnerOnly.newWriter(jdkList)) {
                for (String line : jdkClasses(in.lines().toList(), jdkPackages())) {
                    out.write(line);
                    out.newLine();
                }
            }
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + jdkList, "-XX:SharedArchiveFile=" + dumping)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            ForkSetup.OPTION_VARIABLES.forEach(builder.environment()::remove);
            Process process = builder.start();
            boolean ended = process.waitFor(2, TimeUnit.MINUTES);
            if (!ended || process.exitValue() != 0 || !Files.isRegularFile(dumping)) {
                process.destroyForcibly();
                Files.move(log, failedMarker(), StandardCopyOption.REPLACE_EXISTING);
                return Optional.empty();
            }
            Path archive = directory.resolve(name + ".jsa");
            Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            for (Path leftOver : List.of(list, jdkList, dumping, log)) {
                try {
                    Files.deleteIfExists(leftOver);
                } catch (IOException e) {
                    // A leftover list or log costs nothing: the next dump writes files of its own name.
                }
            }
        }
    }

    /**
     * The lines of a class list ({@code -XX:DumpLoadedClassList}) that name the JDK's classes: those of a package of
     * {@code jdkPackages} (in internal form, {@code java/util}), lambdas that such classes create, and the JDK's
     * lambda form invokers. A pipeline's classes, its libraries' and the engine's are left to the class path.
     */
    static List<String> jdkClasses(List<String> lines, Set<String> jdkPackages) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.strip().split("\\s+");
            boolean keep;
            if (words[0].equals("@lambda-form-invoker")) {
                keep = true;
            } else if (words[0].equals("@lambda-proxy")) {
                keep = words.length > 1 && jdkPackages.contains(packageOf(words[1]));
            } else {
                keep = !words[0].startsWith("@") && !line.contains(" source: ")
                        && jdkPackages.contains(packageOf(words[0]));
            }
            if (keep) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The packages of the JDK's modules that this JVM resolved, in internal form. */
    static Set<String> jdkPackages() {
        return ModuleLayer.boot().modules().stream().flatMap(module -> module.getPackages().stream())
                .map(p -> p.replace('.', '/')).collect(Collectors.toSet());
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
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

    /** The JDK by its home and exact build: an archive maps only into the JVM that dumped it. */
    private static String jdkKey() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String jdk = System.getProperty("java.home") + "\n" + System.getProperty("java.vm.name") + "\n"
                    + System.getProperty("java.vm.version");
            return HexFormat.of().formatHex(digest.digest(jdk.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
