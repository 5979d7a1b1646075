package io.reprounit.fingerprint.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the remembered state no longer matches the tree but the ignore rules stand, git's index tells the new state as
 * JGit would; anything it cannot vouch for leaves the answer to JGit.
 */
class GitStatusCacheTest {

    private static final FileTime PAST = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path directory;

    @Test
    void anEditOfTrackedFilesIsToldFromTheIndexAsJGitTellsItButANewFileIsNot() throws Exception {
        commitPipeline();
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));
        Path cache = Files.createTempDirectory("git-cache");
        backdate(directory);
        assertThat(GitStatus.rememberedIn(cache).of(classes)).isEqualTo(clean(head()));

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 12; }");
        backdate(directory);
        // GitStatusCache never asks JGit: an answer from it is the index's.
        assertThat(new GitStatusCache(cache, directory).read())
                .isEqualTo(GitStatusReader.read(directory).map(GitStatusReader.Status::state))
                .hasValueSatisfying(state -> assertThat(((GitState.Checkout) state).uncommitted())
                        .hasValueSatisfying(uncommitted -> assertThat(uncommitted.files()).isEqualTo(1)));

        Files.writeString(directory.resolve("debug.log"), "might be ignored by a pattern");
        backdate(directory);
        assertThat(new GitStatusCache(cache, directory).read()).as("a file the last status did not see").isEmpty();
    }

    @Test
    void aCommitThatLeavesTheTreeCleanIsToldFromTheIndexWhileTheIgnoreRulesStand() throws Exception {
        commitPipeline();
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));
        Path cache = Files.createTempDirectory("git-cache");
        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 12; }");
        backdate(directory);
        assertThat(GitStatus.rememberedIn(cache).of(classes)).isNotEqualTo(clean(head()));

        String second = commitAll("second");
        // GitStatusCache never asks JGit: an answer from it is the index's.
        assertThat(new GitStatusCache(cache, directory).read()).contains(clean(second));
        assertThat(GitStatus.rememberedIn(cache).of(classes)).as("then remembered as any answer").isEqualTo(clean(second));

        Files.writeString(directory.resolve(".gitignore"), "*.log\n");
        commitAll("third");
        assertThat(new GitStatusCache(cache, directory).read()).as("other ignore rules: JGit decides").isEmpty();
    }

    @Test
    void aDamagedStateLineIsNotBelieved() throws Exception {
        commitPipeline();
        Path cache = Files.createTempDirectory("git-cache");
        backdate(directory);
        assertThat(GitStatus.rememberedIn(cache).of(directory)).isEqualTo(clean(head()));
        Path file;
        try (var files = Files.list(cache)) {
            file = files.findFirst().orElseThrow();
        }
        assertThat(new GitStatusCache(cache, directory).read()).contains(clean(head()));

        Files.writeString(file, Files.readString(file).replace("branch\t", "brunch\t"));

        assertThat(new GitStatusCache(cache, directory).read()).isEmpty();
    }

    private static GitState clean(String commit) {
        return new GitState.Checkout(commit, "main", Optional.empty());
    }

    private void commitPipeline() throws Exception {
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {}");
            Files.writeString(directory.resolve(".gitignore"), "target/\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setSign(false).call();
        }
    }

    private String head() throws Exception {
        try (Git git = Git.open(directory.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }

    /** Commits every change, with file times in the past and the index written well after them: nothing racy. */
    private String commitAll(String message) throws Exception {
        backdate(directory);
        try (Git git = Git.open(directory.toFile())) {
            git.add().addFilepattern(".").call();
            String id = git.commit().setMessage(message).setSign(false).call().name();
            backdate(directory);
            Files.setLastModifiedTime(directory.resolve(".git/index"), FileTime.fromMillis(1_700_000_010_000L));
            return id;
        }
    }

    /** Sets every file's time to one moment in the past, so that none is racily fresh and unchanged ones stay equal. */
    private static void backdate(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, PAST);
            }
        }
    }
}
