package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean checkout is told from git's index without JGit, and gives exactly the parts JGit gives; anything that makes the
 * tree differ from its commit, or that the index cannot vouch for, leaves the answer to JGit.
 */
class CleanCheckoutTest {

    private static final FileTime PAST = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path directory;

    @Test
    void aTreeRightAfterItsCommitGivesTheSamePartsAsJGit() throws Exception {
        commit("class Pipeline {}");

        List<FingerprintPart> parts = CleanCheckout.parts(directory, files()).orElseThrow();

        assertThat(parts).isEqualTo(GitStatusReader.read(directory).orElseThrow().parts());
        assertThat(parts).extracting(FingerprintPart::name).containsExactly("git.commit", "git.branch", "git.dirty");
    }

    @Test
    void anEditedFileLeavesItToJGit() throws Exception {
        commit("class Pipeline {}");

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {int a;}");
        Files.setLastModifiedTime(directory.resolve("Pipeline.java"), FileTime.fromMillis(1_700_000_001_000L));

        assertThat(CleanCheckout.parts(directory, files())).isEmpty();
    }

    @Test
    void anUntrackedFileLeavesItToJGit() throws Exception {
        commit("class Pipeline {}");

        Files.writeString(directory.resolve("Notes.java"), "class Notes {}");
        Files.setLastModifiedTime(directory.resolve("Notes.java"), PAST);

        assertThat(CleanCheckout.parts(directory, files())).isEmpty();
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

        assertThat(CleanCheckout.parts(directory, files())).isEmpty();
        assertThat(GitStatusReader.read(directory).orElseThrow().parts())
                .contains(FingerprintPart.of(Aspect.CODE, "git.dirty", "true"));
    }

    @Test
    void aFileWrittenJustBeforeTheIndexIsToldByItsContent() throws Exception {
        Path source = directory.resolve("Pipeline.java");
        Files.writeString(source, "class Pipeline {}");
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setSign(false).call();
        }
        assertThat(CleanCheckout.parts(directory, files())).as("same content")
                .isEqualTo(GitStatusReader.read(directory).map(GitStatusReader.Status::parts));

        // Racy git: an edit of the same size within the same clock tick keeps size and time.
        FileTime time = Files.getLastModifiedTime(source);
        Files.writeString(source, "class Pipeline { ");
        Files.setLastModifiedTime(source, time);
        assertThat(CleanCheckout.parts(directory, files())).as("other content, same size and time").isEmpty();
    }

    @Test
    void aDamagedIndexIsNotRead() throws Exception {
        commit("class Pipeline {}");
        Path index = directory.resolve(".git/index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);

        assertThat(GitIndex.read(index)).isEmpty();
        assertThat(CleanCheckout.parts(directory, files())).isEmpty();
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

    /** The files outside {@code .git}, as the cache's walk finds them. */
    private Set<String> files() throws Exception {
        try (var paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> !path.startsWith(".git/")).collect(java.util.stream.Collectors.toSet());
        }
    }
}
