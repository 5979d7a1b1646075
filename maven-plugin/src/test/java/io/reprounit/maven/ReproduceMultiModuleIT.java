package io.reprounit.maven;

import static io.reprounit.maven.FixtureRepositories.commit;
import static io.reprounit.maven.FixtureRepositories.deleteRecursively;
import static io.reprounit.maven.FixtureRepositories.edit;
import static io.reprounit.maven.FixtureRepositories.maven;
import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code reprounit:reproduce} in a multi-module project, started from its top directory: the pipeline's module calls
 * code of another module, which changed after the check was recorded. The reproduction builds the recorded version of
 * both (the data restored from its snapshot beside the pipeline's module), and every step reproduces; built against
 * today's scoring module, {@code score} would not.
 */
class ReproduceMultiModuleIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String PIPELINE = "ScorePipelineTest";
    private static final String RULE = "scoring/src/main/java/com/example/scoring/Threshold.java";
    private static final String DATA = "pipelines/data/values.txt";

    @Test
    void aCheckRecordedThreeCommitsAgoInAModuleReproducesWithItsOwnDependencyModule() throws Exception {
        MavenBuild build = MavenBuild.ofFixture("reproduce-multimodule", TIMEOUT);
        Path project = build.project();
        Path storeDirectory = project.resolveSibling("reproduce-multimodule-store"); // outside the repository
        deleteRecursively(storeDirectory);
        String store = "jdbc:sqlite:" + storeDirectory.resolve("metadata.db").toAbsolutePath();
        Files.writeString(project.resolve(".gitignore"), "target/\nbuild.log\nit-settings.xml\ndata/\n");
        Files.createDirectories(project.resolve(DATA).getParent());
        Files.writeString(project.resolve(DATA), "3\n5\n8\n13\n"); // 5 is above the threshold only under >=

        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            RevCommit recordedAt = commit(git, "the pipeline and its scoring rule");

            MavenBuild.Result test = build.run("test", "-Dreprounit.store.url=" + store);
            assertThat(test.exitCode()).as(test.output()).isZero();
            CheckSummary recorded = latestCheck(store);
            assertThat(recorded.commit()).isEqualTo(recordedAt.name());

            edit(project.resolve(RULE), "value > threshold", "value >= threshold");
            commit(git, "count the threshold itself");
            Files.writeString(project.resolve("NOTES.txt"), "another file\n");
            commit(git, "notes");
            Files.writeString(project.resolve("NOTES.txt"), "another line\n");
            commit(git, "more notes");
            Files.writeString(project.resolve(DATA), "100\n200\n"); // not in git: only the snapshot has it

            MavenBuild.Result reproduce = build.run("reprounit:reproduce", "-Dcheck=" + recorded.id(),
                    "-Dstore=" + store, "-Dmaven=" + maven(), "-DmavenArgs=-ntp,-s," + project.resolve("it-settings.xml")
                            + ",-Dmaven.repo.local=" + Path.of(System.getProperty("it.repository")).toAbsolutePath());
            assertThat(reproduce.exitCode()).as(reproduce.output()).isZero();
            assertThat(reproduce.output()).contains("restored 1 data source").contains("every step reproduced.")
                    .containsPattern("\\[INFO\\] load +REPRODUCED").containsPattern("\\[INFO\\] score +REPRODUCED");
            try (MetadataStore metadata = MetadataStore.openReadOnly(store, "store")) {
                List<Long> against = metadata.checksAgainst(recorded.id());
                assertThat(against).hasSize(1);
                StoredCheck reproduced = metadata.check(against.get(0));
                assertThat(reproduced.runs().get(0).commit()).isEqualTo(recordedAt.name());
                assertThat(reproduced.runs().get(0).steps()).extracting(StoredStep::verdict)
                        .containsOnly("REPRODUCED").hasSize(2);
            }
            assertThat(project.resolve(DATA)).as("the user's files are left alone").hasContent("100\n200");
            assertThat(project.resolve(RULE)).content().contains("value >= threshold");

            // Today's tree, with the recorded data back, scores 5 as above: it differs from the recorded check.
            Files.writeString(project.resolve(DATA), "3\n5\n8\n13\n");
            MavenBuild.Result today = build.run("test", "-Dreprounit.store.url=" + store,
                    "-Dreprounit.against=check:" + recorded.id());
            assertThat(today.exitCode()).as(today.output()).isNotZero();
            assertThat(today.output()).contains("score");
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
