package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded commit checked out in a clone of its own, and the build command that runs the check there. */
class CheckoutTest {

    @TempDir
    Path directory;

    @Test
    void theCloneHoldsTheRecordedCommitAndTheUsersWorkingTreeIsLeftAlone() throws Exception {
        Path repository = directory.resolve("project");
        Path file = repository.resolve("sub/params.txt");
        Files.createDirectories(file.getParent());
        RevCommit first;
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(file, "rows: 10\n");
            first = commit(git, "first");
            Files.writeString(file, "rows: 20\n");
            commit(git, "second");
        }
        Files.writeString(file, "rows: 30, not committed\n");

        Path checkout = directory.resolve("checkout");
        Checkout.clone(Checkout.workTree(repository.resolve("sub")), first.name(), checkout);

        assertThat(checkout.resolve("sub/params.txt")).hasContent("rows: 10");
        assertThat(file).hasContent("rows: 30, not committed");
        try (Git clone = Git.open(checkout.toFile())) {
            assertThat(clone.getRepository().resolve("HEAD")).isEqualTo(first.getId());
        }
        Checkout.delete(checkout);
        assertThat(checkout).doesNotExist();

        assertThatThrownBy(() -> Checkout.clone(repository, "0123456789abcdef0123456789abcdef01234567",
                directory.resolve("other"))).isInstanceOf(ReproduceRefusal.class)
                .hasMessageContaining("has no commit 0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void outsideGitTheRepositoryMustBeNamed() {
        assertThatThrownBy(() -> Checkout.workTree(directory)).isInstanceOf(ReproduceRefusal.class)
                .hasMessageContaining("--repository");
    }

    @Test
    void theBuildRunsOnlyThePipelinesTestAgainstTheRecordedCheckWithItsOverrides() {
        RecordedCheck check = new RecordedCheck(12, "Iris", "com.example.IrisPipeline", "12.1", "abc",
                Map.of("reprounit.param.Iris.load.rows", "12"));

        List<String> command = ReproductionBuild.command("/opt/maven/bin/mvn", "pipelines/iris", check,
                "jdbc:sqlite:/p/.reprounit/metadata.db", Path.of("/p/.reprounit/artifacts"), List.of("-s", "s.xml"));

        assertThat(command).containsExactly("/opt/maven/bin/mvn", "-B", "test", "-pl", "pipelines/iris", "-am",
                "-Dtest=IrisPipeline", "-Dsurefire.failIfNoSpecifiedTests=false", "-Dreprounit.against=check:12",
                "-Dreprounit.store.url=jdbc:sqlite:/p/.reprounit/metadata.db",
                "-Dreprounit.artifacts.dir=" + Path.of("/p/.reprounit/artifacts").toAbsolutePath(),
                "-Dreprounit.param.Iris.load.rows=12", "-s", "s.xml");
        assertThat(ReproductionBuild.command("mvn", ".", check, "u", Path.of("/a"), List.of())).doesNotContain("-pl");
        assertThat(ReproductionBuild.executable(null, Map.of("MAVEN_HOME", directory.toString()))).isEqualTo("mvn");
        assertThat(ReproductionBuild.executable("/my/mvn", Map.of())).isEqualTo("/my/mvn");
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("T", "t@example.invalid")
                .setCommitter("T", "t@example.invalid").setSign(false).call();
    }
}
