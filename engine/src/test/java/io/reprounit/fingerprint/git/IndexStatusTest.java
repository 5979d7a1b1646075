package io.reprounit.fingerprint.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean checkout, and a tree whose tracked files were edited, are told from git's index without JGit, and give exactly
 * the parts JGit gives; anything the index cannot vouch for leaves the answer to JGit.
 */
class IndexStatusTest {

    private static final FileTime PAST = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path directory;

    @Test
    void aTreeRightAfterItsCommitGivesTheSamePartsAsJGit() throws Exception {
        commit("class Pipeline {}");

        GitState state = IndexStatus.state(directory, files(), Set.of()).orElseThrow();

        assertThat(state).isEqualTo(GitStatusReader.read(directory).orElseThrow().state());
        assertThat(((GitState.Checkout) state).uncommitted()).isEmpty();
    }

    @Test
    void anEditedFileGivesTheSamePartsAsJGitWithItsUncommittedDigest() throws Exception {
        commit("class Pipeline {}");

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");
        Files.setLastModifiedTime(directory.resolve("Pipeline.java"), FileTime.fromMillis(1_700_000_001_000L));

        GitState state = IndexStatus.state(directory, files(), Set.of()).orElseThrow();
        assertThat(state).isEqualTo(GitStatusReader.read(directory).orElseThrow().state());
        assertThat(((GitState.Checkout) state).uncommitted()).isPresent();
    }

    @Test
    void aFileTheWalkDidNotReadIsReadThen() throws Exception {
        commit("class Pipeline {}");
        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");
        Files.setLastModifiedTime(directory.resolve("Pipeline.java"), PAST);
        Map<String, BasicFileAttributes> walked = new HashMap<>(files());
        walked.put("Pipeline.java", null); // as for a tracked file the walk skipped

        assertThat(IndexStatus.state(directory, walked, Set.of()))
                .isEqualTo(GitStatusReader.read(directory).map(GitStatusReader.Status::state));
    }

    @Test
    void aDeletedFileAndAModeChangeAreChangesAsJGitSaysSo() throws Exception {
        commit("class Pipeline {}");
        Files.writeString(directory.resolve("run.sh"), "echo");
        Files.setLastModifiedTime(directory.resolve("run.sh"), PAST);
        try (Git git = Git.open(directory.toFile())) {
            git.add().addFilepattern("run.sh").call();
            git.commit().setMessage("second").setSign(false).call();
        }

        Files.delete(directory.resolve("Pipeline.java"));
        directory.resolve("run.sh").toFile().setExecutable(true);

        IndexStatus.Answer answer = IndexStatus.read(directory, files(), Set.of()).orElseThrow();
        assertThat(answer.state(directory)).isEqualTo(GitStatusReader.read(directory).orElseThrow().state());
        assertThat(answer.changed()).containsExactly("Pipeline.java", "run.sh");
    }

    @Test
    void anUntrackedFileTheLastStatusSawCountsAsJGitCountsIt() throws Exception {
        commit("class Pipeline {}");
        Files.writeString(directory.resolve("Notes.java"), "class Notes {}");
        Set<String> untracked = GitStatusReader.read(directory).orElseThrow().untracked();
        assertThat(untracked).containsExactly("Notes.java");

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");

        assertThat(IndexStatus.state(directory, files(), untracked))
                .isEqualTo(GitStatusReader.read(directory).map(GitStatusReader.Status::state));
    }

    @Test
    void attributesOrConfigurationThatChangeHowGitComparesLeaveItToJGit() throws Exception {
        commit("class Pipeline {}");
        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");
        assertThat(IndexStatus.state(directory, files(), Set.of())).isPresent();

        Files.createDirectories(directory.resolve(".git/info"));
        Files.writeString(directory.resolve(".git/info/attributes"), "*.java text eol=crlf\n");
        assertThat(IndexStatus.state(directory, files(), Set.of())).isEmpty();

        Files.delete(directory.resolve(".git/info/attributes"));
        Files.writeString(directory.resolve(".git/config"), "[core]\n\tautocrlf = input\n", StandardOpenOption.APPEND);
        assertThat(IndexStatus.state(directory, files(), Set.of())).isEmpty();
    }

    @Test
    void onlySettingsThatChangeTheComparisonCount() {
        assertThat(PlainComparison.plain(List.of("[core]", "\trepositoryformatversion = 0", "\tfilemode = true",
                "\tbare = false", "\tautocrlf = false", "[user]", "\tname = Someone"))).isTrue();
        assertThat(PlainComparison.plain(List.of("[core]", "\tfileMode = false"))).isFalse();
        assertThat(PlainComparison.plain(List.of("[core]", "\tautocrlf = true"))).isFalse();
        assertThat(PlainComparison.plain(List.of("[filter \"lfs\"]", "\tclean = git-lfs clean -- %f"))).isFalse();
        assertThat(PlainComparison.plain(List.of("[include]", "\tpath = ~/other.gitconfig"))).isFalse();
    }

    @Test
    void anUntrackedFileTheLastStatusDidNotSeeLeavesItToJGit() throws Exception {
        commit("class Pipeline {}");

        Files.writeString(directory.resolve("Notes.java"), "class Notes {}");
        Files.setLastModifiedTime(directory.resolve("Notes.java"), PAST);

        assertThat(IndexStatus.state(directory, files(), Set.of())).isEmpty();
    }

    @Test
    void aStagedChangeUndoneInTheTreeLeavesItToJGit() throws Exception {
        commit("class Pipeline {}");
        Path source = directory.resolve("Pipeline.java");
        try (Git git = Git.open(directory.toFile())) {
            Files.writeString(source, "class Pipeline {int a;}");
            git.add().addFilepattern("Pipeline.java").call();
        }
        // The tree is back as committed, the index is not: git status shows the staged change.
        Files.writeString(source, "class Pipeline {}");
        Files.setLastModifiedTime(source, PAST);

        assertThat(IndexStatus.state(directory, files(), Set.of())).isEmpty();
        assertThat(GitStatusReader.read(directory).orElseThrow().state())
                .isNotEqualTo(new GitState.Checkout(head(), "main", Optional.empty()));
    }

    @Test
    void aFileWrittenJustBeforeTheIndexIsToldByItsContent() throws Exception {
        Path source = directory.resolve("Pipeline.java");
        Files.writeString(source, "class Pipeline {}");
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setSign(false).call();
        }
        assertThat(IndexStatus.state(directory, files(), Set.of())).as("same content")
                .isEqualTo(GitStatusReader.read(directory).map(GitStatusReader.Status::state));

        // Racy git: an edit of the same size within the same clock tick keeps size and time.
        FileTime time = Files.getLastModifiedTime(source);
        Files.writeString(source, "class Pipeline { ");
        Files.setLastModifiedTime(source, time);
        // git's command line says modified, as the index's content does; JGit trusts the stat it wrote and says clean:
        // where the two differ, JGit decides.
        assertThat(IndexStatus.state(directory, files(), Set.of())).as("other content, same size and time").isEmpty();
    }

    @Test
    void aDamagedIndexIsBelievedOnlyWhereTheDamageCannotChangeTheAnswer() throws Exception {
        commit("class Pipeline {}");
        Path index = directory.resolve(".git/index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[12] ^= 1; // the first entry's ctime, which git's comparison (and ours) does not use
        Files.write(index, bytes);
        assertThat(GitIndex.read(index)).hasValueSatisfying(read -> assertThat(read.intact()).isFalse());

        String head = head();
        assertThat(IndexStatus.state(directory, files(), Set.of())).as("clean: every entry matched its file")
                .contains(new GitState.Checkout(head, "main", Optional.empty()));

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");
        Files.setLastModifiedTime(directory.resolve("Pipeline.java"), PAST);
        assertThat(IndexStatus.state(directory, files(), Set.of())).as("a change might be the damage: JGit decides")
                .isEmpty();
    }

    /** A repository whose one file is committed, with the file's time well before the index was written. */
    private void commit(String source) throws Exception {
        Files.writeString(directory.resolve("Pipeline.java"), source);
        Files.setLastModifiedTime(directory.resolve("Pipeline.java"), PAST);
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setSign(false).call();
        }
    }

    private String head() throws Exception {
        try (Git git = Git.open(directory.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }

    /** The files outside {@code .git} with their attributes, as the cache's walk finds them. */
    private Map<String, BasicFileAttributes> files() throws Exception {
        Map<String, BasicFileAttributes> files = new HashMap<>();
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(path).toString().replace('\\', '/');
                if (!relative.startsWith(".git/")) {
                    files.put(relative, Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return files;
    }
}
