package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.startup.ArchiveProbe;
import io.reprounit.run.fixtures.startup.CompilerFlags;
import io.reprounit.run.fixtures.startup.SharedJdkClasses;
import io.reprounit.run.jdk.OrderedListingProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;
import tools.jackson.core.json.JsonFactory;

/** The class data sharing archive that forked JVMs map: what goes in it, and that later JVMs really map it. */
class ClassArchiveTest {

    @Test
    void keepsTheClassesOfTheJdkAndOfTheArchivedJarsTheirLambdasAndLambdaFormsAndLeavesDirectoriesToTheClassPath() {
        List<String> list = List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object id: 0",
                "java/util/HashMap id: 12",
                "io/reprounit/run/ForkedRunMain id: 40",
                "tools/jackson/core/JsonFactory id: 41",
                "com/example/Loaded id: 42 super: 0 source: /tmp/plugin.jar",
                "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef test ()Ljava/util/function/Predicate;",
                "@lambda-proxy io/reprounit/run/ForkedRunMain lambda$main$0 ()Ljava/lang/Runnable;",
                "@lambda-proxy tools/jackson/core/JsonFactory lambda$x$0 ()Ljava/lang/Runnable;",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
                "@some-future-directive whatever");

        assertThat(ArchivedClasses.lines(list, Set.of("java/lang", "java/util", "java/util/stream"),
                Set.of("tools/jackson/core/JsonFactory", "com/example/Loaded")))
                .containsExactly("java/lang/Object id: 0", "java/util/HashMap id: 12",
                        "tools/jackson/core/JsonFactory id: 41",
                        "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef test ()Ljava/util/function/Predicate;",
                        "@lambda-proxy tools/jackson/core/JsonFactory lambda$x$0 ()Ljava/lang/Runnable;",
                        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder "
                                + "invokeStatic L_L");
    }

    @Test
    void aJarsClassesAreKnownByTheirInternalNamesThoseOfAMultiReleaseVersionToo() throws IOException {
        Path jar = Path.of(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().getPath());

        assertThat(ArchivedClasses.jarClasses(List.of(jar.toString()))).contains("tools/jackson/core/json/JsonFactory")
                .noneMatch(name -> name.startsWith("META-INF/") || name.endsWith("module-info"));
    }

    @Test
    void theJdksPackagesAreThoseOfTheBootLayerAndNoneOfTheClassPaths() {
        Set<String> packages = ArchivedClasses.jdkPackages();

        assertThat(packages).contains("java/lang", "java/util/concurrent", "sun/nio/fs", "jdk/internal/misc")
                .doesNotContain("io/reprounit/run", "org/junit/platform/engine");
    }

    /**
     * The first forked run of this JVM lists its classes, the archive is dumped from them, and a forked run started
     * afterwards maps it: {@code SharedJdkClasses} fails in a JVM that was not given it or could not map it.
     */
    @Test
    void forkedRunsAfterTheFirstMapTheArchiveDumpedFromItsClassList(@TempDir Path owned) throws IOException {
        Events first = Checks.forked().run(CompilerFlags.class);
        assertThat(Checks.step(first, "compiler").getStatus()).isEqualTo(Status.SUCCESSFUL);
        Optional<Path> archive = ClassArchive.of(Path.of(System.getProperty("java.io.tmpdir")), owned,
                ForkClassPath.cached(ForkSetup.testClassPath())).awaitArchive(Duration.ofMinutes(2));
        assertThat(archive).as("the archive dumped after the first forked run").isPresent();
        assertThat(archive.get().getFileName().toString()).endsWith(".jsa");

        Events later = Checks.forked().run(SharedJdkClasses.class);

        assertThat(Checks.failure(later, "sharing")).isEmpty();
        assertThat(Checks.step(later, "sharing").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    /**
     * A JVM whose class path starts with jars lists its classes, the archive of the JDK's and the jars' classes is
     * dumped from them, and a JVM started afterwards with the same class path loads the jars' classes from it, the
     * directory's from the directory, and {@code directory_order}'s file system from its jar: a JVM that set up that
     * file system from archived classes would not start. The archives used least recently beyond eight are deleted.
     */
    @Test
    void jarsClassesAreArchivedAndMappedAndDirectoriesClassesAndTheFileSystemsLoadedAsAlways(@TempDir Path temporary)
            throws Exception {
        Path owned = Files.createFile(temporary.resolve("owned"));
        String engine = engineJar(temporary.resolve("engine.jar")).toString();
        String jackson = Path.of(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Path classes = Files.createDirectories(temporary.resolve("classes"));
        Files.writeString(classes.resolve("notes.txt"), "a directory's file");
        ForkClassPath classPath = ForkClassPath.of(List.of(classes.toString(), engine, jackson));
        assertThat(classPath.entries()).containsExactly(engine, jackson, classes.toString());
        ClassArchive archive = ClassArchive.of(temporary, owned, classPath);
        Path directory = Files.createDirectories(temporary.resolve("reprounit-jdk-classes-"
                + Files.getOwner(owned).getName().replaceAll("[^A-Za-z0-9._-]", "_")));
        for (int days = 1; days <= 9; days++) {
            Path old = Files.createFile(directory.resolve("classes-old-" + days + ".jsa"));
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(days))));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String fileSystem = "-Djava.nio.file.spi.DefaultFileSystemProvider=" + OrderedListingProvider.class.getName();

        List<String> listing = archive.options();
        assertThat(listing).singleElement().asString().startsWith("-XX:DumpLoadedClassList=");
        assertThat(run(java, List.of(listing.get(0), fileSystem), classPath)).contains("JSON, 1 file");
        archive.ended(listing, java);
        Optional<Path> made = archive.awaitArchive(Duration.ofMinutes(2));

        assertThat(made).isPresent();
        assertThat(made.get().getFileName().toString()).startsWith("classes-").endsWith(".jsa");
        List<String> mapping = archive.options();
        assertThat(mapping).containsExactly("-XX:SharedArchiveFile=" + made.get());
        String loaded = run(java, List.of(mapping.get(0), "-Xshare:on", "-Xlog:class+load=info", fileSystem),
                classPath);
        assertThat(loaded).contains("JSON, 1 file")
                .contains("tools.jackson.core.json.JsonFactory source: shared objects file")
                .contains(ArchiveProbe.class.getName() + " source: shared objects file")
                .contains(OrderedListingProvider.class.getName() + " source: file:");
        assertThat(directory.resolve("classes-old-9.jsa")).doesNotExist();
        assertThat(directory.resolve("classes-old-8.jsa")).exists();
    }

    /** The engine's classes and {@link ArchiveProbe} in a jar, as a user's build has the engine. */
    private static Path engineJar(Path jar) throws Exception {
        Path engine = Path.of(OrderedListingProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String probe = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> classes = Files.walk(engine)) {
            for (Path path : (Iterable<Path>) classes.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(engine.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(probe));
            try (InputStream in = ArchiveProbe.class.getClassLoader().getResourceAsStream(probe)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    private static String run(Path java, List<String> options, ForkClassPath classPath) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath.entries()),
                ArchiveProbe.class.getName(), classPath.entries().get(classPath.entries().size() - 1)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** Another user's directory, or one others may write, is never trusted: a JVM runs whatever archive it maps. */
    @Test
    void anArchiveInADirectoryOthersMayWriteIsNotMapped(@TempDir Path temporary) throws IOException {
        Path owned = Files.createFile(temporary.resolve("owned"));
        ClassArchive archive = ClassArchive.of(temporary, owned, ForkClassPath.of(List.of()));
        Path directory = Files.createDirectories(temporary.resolve("reprounit-jdk-classes-"
                + Files.getOwner(owned).getName().replaceAll("[^A-Za-z0-9._-]", "_")));
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        Path jsa = Files.createFile(directory.resolve(archive.name() + ".jsa"));
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(jsa, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(archive.archive()).contains(jsa);

        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(archive.archive()).isEmpty();
    }
}
