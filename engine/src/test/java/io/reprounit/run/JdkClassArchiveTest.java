package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.startup.CompilerFlags;
import io.reprounit.run.fixtures.startup.SharedJdkClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;

/** The archive of the JDK's classes that forked JVMs map: what goes in it, and that later forks really map it. */
class JdkClassArchiveTest {

    @Test
    void keepsTheJdksClassesItsLambdasAndLambdaFormsAndLeavesTheClassPathsToTheClassPath() {
        List<String> list = List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object id: 0",
                "java/util/HashMap id: 12",
                "io/reprounit/run/ForkedRunMain id: 40",
                "tools/jackson/core/JsonFactory id: 41",
                "com/example/Loaded id: 42 super: 0 source: /tmp/plugin.jar",
                "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef test ()Ljava/util/function/Predicate;",
                "@lambda-proxy io/reprounit/run/ForkedRunMain lambda$main$0 ()Ljava/lang/Runnable;",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
                "@some-future-directive whatever");

        assertThat(JdkClassArchive.jdkClasses(list, Set.of("java/lang", "java/util", "java/util/stream")))
                .containsExactly("java/lang/Object id: 0", "java/util/HashMap id: 12",
                        "@lambda-proxy java/util/stream/FindOps$FindSink$OfRef test ()Ljava/util/function/Predicate;",
                        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L");
    }

    @Test
    void theJdksPackagesAreThoseOfTheBootLayerAndNoneOfTheClassPaths() {
        Set<String> packages = JdkClassArchive.jdkPackages();

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
        Optional<Path> archive = JdkClassArchive.of(Path.of(System.getProperty("java.io.tmpdir")), owned)
                .awaitArchive(Duration.ofMinutes(2));
        assertThat(archive).as("the archive dumped after the first forked run").isPresent();
        assertThat(archive.get().getFileName().toString()).startsWith("jdk-").endsWith(".jsa");

        Events later = Checks.forked().run(SharedJdkClasses.class);

        assertThat(Checks.failure(later, "sharing")).isEmpty();
        assertThat(Checks.step(later, "sharing").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    /** Another user's directory, or one others may write, is never trusted: a JVM runs whatever archive it maps. */
    @Test
    void anArchiveInADirectoryOthersMayWriteIsNotMapped(@TempDir Path temporary) throws IOException {
        Path owned = Files.createFile(temporary.resolve("owned"));
        JdkClassArchive archive = JdkClassArchive.of(temporary, owned);
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
