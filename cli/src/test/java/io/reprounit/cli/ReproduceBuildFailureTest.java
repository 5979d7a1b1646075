package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} up to the build, with a "Maven" that is a script: the build that records no check is exit status 1
 * with its log kept and named, and the checkout deleted; a commit without the pipeline's source is refused.
 */
class ReproduceBuildFailureTest {

    @TempDir
    Path directory;

    Path repository;
    String url;
    RevCommit commit;

    @BeforeEach
    void aRepositoryAndACheckRecordedAtItsCommit() throws Exception {
        repository = directory.resolve("project");
        Path source = repository.resolve("iris/src/test/java/com/example/IrisPipeline.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example; class IrisPipeline {}\n");
        Files.writeString(repository.resolve("pom.xml"), "<project/>\n");
        try (Git git = Git.init().setDirectory(repository.toFile()).call()) {
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("pipeline").setAuthor("T", "t@example.invalid")
                    .setCommitter("T", "t@example.invalid").setSign(false).call();
        }
        url = "jdbc:sqlite:" + directory.resolve("store/metadata.db");
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            StoreFixtures.check(store, new ArtifactStore(directory.resolve("store/artifacts")), "IrisPipeline",
                    List.of(StoreFixtures.run(1, commit.name(), "loaded")), StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
    }

    @Test
    void aBuildThatRecordsNoCheckKeepsItsLogAndDeletesTheCheckout() throws Exception {
        Path maven = directory.resolve("fake-mvn");
        Files.writeString(maven, "#!/bin/sh\necho \"args: $*\"\necho 'COMPILATION ERROR in the checkout'\nexit 1\n");
        Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwx------"));

        Cli.Output output = Cli.run("reproduce", "1", "--store", url, "--repository", repository.toString(),
                "--maven", maven.toString(), "--maven-arg=-Pci");

        assertThat(output.status()).as(output.err()).isEqualTo(1);
        assertThat(output.out()).contains("Checked out commit " + commit.name().substring(0, 12))
                .contains("restored 0 data sources of run 1.1 into iris");
        assertThat(output.err()).contains("the build (exit status 1) recorded no check against check 1")
                .contains("COMPILATION ERROR in the checkout").doesNotContain("\tat ");
        Matcher log = Pattern.compile("Its log: (\\S+maven\\.log);").matcher(output.err());
        assertThat(log.find()).as(output.err()).isTrue();
        Path kept = Path.of(log.group(1));
        try {
            assertThat(Files.readString(kept)).contains("-pl iris -am -Dtest=IrisPipeline")
                    .contains("-Dreprounit.against=check:1").endsWith("-Pci\nCOMPILATION ERROR in the checkout\n");
            assertThat(kept.resolveSibling("checkout")).doesNotExist();
        } finally {
            Checkout.delete(kept.getParent());
        }
    }

    @Test
    void aCommitWithoutThePipelinesSourceIsRefused() throws Exception {
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            StoreFixtures.check(store, new ArtifactStore(directory.resolve("store/artifacts")), "OtherPipeline",
                    List.of(StoreFixtures.run(1, commit.name(), "loaded")), StoreFixtures.verdicts(Verdict.REPRODUCED));
        }

        Cli.Output output = Cli.run("reproduce", "2", "--store", url, "--repository", repository.toString(),
                "--maven", directory.resolve("never-started").toString());

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("No module of the checkout").contains("com/example/OtherPipeline.java");
    }
}
