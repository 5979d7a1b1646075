package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that {@code package} built, run as the README says — {@code java -jar reprounit-cli-<version>.jar} in a JVM
 * of its own, with no class path but the jar — so that a dependency left out of it, an unmerged service file (the
 * SQLite driver) or a missing Main-Class fails here rather than on a user's machine. Failsafe runs it after
 * {@code package}.
 */
class RunnableJarIT {

    @TempDir
    Path directory;

    String url;
    long diverged;

    @BeforeEach
    void recordADivergingCheck() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            diverged = StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "IrisPipeline",
                    List.of(StoreFixtures.run(1, "2222222222bbbb", "load", "train A"),
                            StoreFixtures.run(2, "2222222222bbbb", "load", "train B")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));
        }
    }

    @Test
    void runsTheCommandsFromTheJarAlone() throws Exception {
        Result runs = javaJar(directory, "runs", "--store", url);
        assertThat(runs.status).as(runs.err).isZero();
        assertThat(runs.out).contains("IrisPipeline", "2222222222", "DIVERGED");
        // No SLF4J provider warning, nor anything else, on a successful command's error stream.
        assertThat(runs.err).isEmpty();

        Result show = javaJar(directory, "show", diverged + ".2", "--store", url);
        assertThat(show.status).as(show.err).isZero();
        assertThat(show.out).contains("step0", "step1", "git.commit");
    }

    @Test
    void findsTheStoreOfTheGitWorkingTreeItRunsIn() throws Exception {
        Path tree = Files.createDirectories(directory.resolve("project"));
        Files.createDirectories(tree.resolve(".git"));
        Files.createDirectories(tree.resolve(".reprounit"));
        Files.copy(directory.resolve("metadata.db"), tree.resolve(".reprounit/metadata.db"));
        Path module = Files.createDirectories(tree.resolve("module/src"));

        Result runs = javaJar(module, "runs", "--json");

        assertThat(runs.status).as(runs.err).isZero();
        assertThat(runs.out).contains("\"verdict\" : \"DIVERGED\"");
    }

    @Test
    void aMissingStoreIsOneLineAndStatusOne() throws Exception {
        Result runs = javaJar(directory, "runs", "--store", "jdbc:sqlite:" + directory.resolve("none.db"));

        assertThat(runs.status).isEqualTo(1);
        assertThat(runs.out).isEmpty();
        assertThat(runs.err.lines()).singleElement().asString().startsWith("reprounit: There is no metadata store");
    }

    private static Result javaJar(Path workingDirectory, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("reprounit.cli.jar");
        assertThat(jar).as("system property reprounit.cli.jar, set by the cli module's Failsafe configuration").isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDirectory.getParent(), "out", ".txt");
        Path err = Files.createTempFile(workingDirectory.getParent(), "err", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar did not finish within 2 minutes: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {}
}
