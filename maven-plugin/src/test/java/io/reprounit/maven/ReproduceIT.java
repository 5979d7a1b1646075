package io.reprounit.maven;

import static io.reprounit.maven.FixtureRepositories.commit;
import static io.reprounit.maven.FixtureRepositories.deleteRecursively;
import static io.reprounit.maven.FixtureRepositories.edit;
import static io.reprounit.maven.FixtureRepositories.maven;
import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.store.CheckSummary;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredCheck;
import io.reprounit.store.StoredStep;
import io.reprounit.testsupport.MavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/**
 * {@code reprounit:reproduce} in a real git repository with a real Maven build: a check recorded three commits ago is
 * reproduced in a clone at its commit, with its data restored from the snapshot (the data file is not in git, and has
 * changed since), and every step reproduces; with that data damaged in the artifact store, it is not restored, and
 * the goal fails saying so; a check recorded on a dirty working tree is refused.
 */
class ReproduceIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String PIPELINE = "ScorePipelineTest";
    private static final String CONFIG = "src/test/resources/com/example/ScorePipelineTest.yaml";
    private static final String CODE = "src/test/java/com/example/ScorePipelineTest.java";

    @Test
    void aCheckRecordedThreeCommitsAgoReproducesAndADirtyOneIsRefused() throws Exception {
        MavenBuild build = MavenBuild.ofFixture("reproduce-pipeline", TIMEOUT);
        Path project = build.project();
        Path storeDirectory = project.resolveSibling("reproduce-store"); // outside the repository
        deleteRecursively(storeDirectory);
        String store = "jdbc:sqlite:" + storeDirectory.resolve("metadata.db").toAbsolutePath();
        Files.writeString(project.resolve(".gitignore"), "target/\nbuild.log\nit-settings.xml\ndata/\n");
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/values.txt"), "3\n8\n13\n1\n");

        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            RevCommit recordedAt = commit(git, "the pipeline");

            MavenBuild.Result test = build.run("test", "-Dreprounit.store.url=" + store);
            assertThat(test.exitCode()).as(test.output()).isZero();
            long recorded = latestCheck(store).id();
            assertThat(latestCheck(store).commit()).isEqualTo(recordedAt.name());

            edit(project.resolve(CONFIG), "threshold: 5", "threshold: 7");
            commit(git, "a higher threshold");
            Files.writeString(project.resolve("NOTES.txt"), "another file\n");
            commit(git, "notes");
            edit(project.resolve(CODE), "value > threshold", "value >= threshold");
            commit(git, "count the threshold itself");
            Files.writeString(project.resolve("data/values.txt"), "100\n200\n"); // not in git: only the snapshot has it

            MavenBuild.Result reproduce = build.run("reprounit:reproduce", "-Dcheck=" + recorded, "-Dstore=" + store,
                    "-Dmaven=" + maven(), "-DmavenArgs=-ntp,-s," + project.resolve("it-settings.xml")
                            + ",-Dmaven.repo.local=" + Path.of(System.getProperty("it.repository")).toAbsolutePath());
            assertThat(reproduce.exitCode()).as(reproduce.output()).isZero();
            assertThat(reproduce.output()).contains("restored 1 data source").contains("every step reproduced.")
                    .containsPattern("\\[INFO\\] load +REPRODUCED").containsPattern("\\[INFO\\] score +REPRODUCED");
            try (MetadataStore metadata = MetadataStore.openReadOnly(store, "store")) {
                List<Long> against = metadata.checksAgainst(recorded);
                assertThat(against).hasSize(1);
                StoredCheck reproduced = metadata.check(against.get(0));
                assertThat(reproduced.runs().get(0).commit()).isEqualTo(recordedAt.name());
                assertThat(reproduced.runs().get(0).steps()).extracting(StoredStep::verdict)
                        .containsOnly("REPRODUCED").hasSize(2);
            }
            assertThat(project.resolve("data/values.txt")).as("the user's files are left alone").hasContent("100\n200");

            Path snapshot = keptSnapshot(store, storeDirectory.resolve("artifacts"), recorded);
            snapshot.toFile().setWritable(true);
            Files.write(snapshot, new byte[] {1, 2, 3}); // the recorded data, damaged
            MavenBuild.Result damaged = build.run("reprounit:reproduce", "-Dcheck=" + recorded, "-Dstore=" + store,
                    "-Dmaven=" + maven());
            assertThat(damaged.exitCode()).as(damaged.output()).isNotZero();
            assertThat(damaged.output()).contains("Cannot restore").contains("is damaged").doesNotContain("\tat ");

            edit(project.resolve(CODE), "Map<String, Integer> score = new TreeMap<>();",
                    "Map<String, Integer> score = new TreeMap<>(); // not committed");
            MavenBuild.Result dirtyTest = build.run("test", "-Dreprounit.store.url=" + store);
            assertThat(dirtyTest.exitCode()).as(dirtyTest.output()).isZero();
            CheckSummary dirty = latestCheck(store);
            assertThat(dirty.commit()).endsWith("-dirty");

            MavenBuild.Result refused = build.run("reprounit:reproduce", "-Dcheck=" + dirty.id(), "-Dstore=" + store);
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("its code is not in git: check " + dirty.id() + " was recorded on a"
                    + " working tree with uncommitted changes (commit " + dirty.commit() + ")")
                    .doesNotContain("\tat ");
        }
    }

    /** The file of the artifact store that keeps the data file check {@code check}'s first run read. */
    private static Path keptSnapshot(String store, Path artifacts, long check) {
        try (MetadataStore metadata = MetadataStore.openReadOnly(store, "store")) {
            String digest = metadata.run(Long.toString(check)).step("load").orElseThrow().dataSnapshots().get(0)
                    .digest();
            assertThat(digest).isNotNull();
            Path file = new ArtifactStore(artifacts).condition(digest).file();
            assertThat(file).exists();
            return file;
        }
    }

    private static CheckSummary latestCheck(String store) {
        try (MetadataStore metadata = MetadataStore.openReadOnly(store, "store")) {
            List<CheckSummary> checks = metadata.checks(PIPELINE, 1);
            assertThat(checks).isNotEmpty();
            return checks.get(0);
        }
    }
}
