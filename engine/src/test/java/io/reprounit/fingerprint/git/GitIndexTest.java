package io.reprounit.fingerprint.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree an index stands for: hashed from its entries where JGit wrote it, read from git's cache-tree extension where
 * git left that valid, and hashed again where git marked it invalid.
 */
class GitIndexTest {

    @TempDir
    Path directory;

    private String commitTree;
    private byte[] indexWithoutCacheTree;

    @BeforeEach
    void commitTwoDirectories() throws Exception {
        Files.createDirectories(directory.resolve("src/main"));
        Files.writeString(directory.resolve("src/main/Pipeline.java"), "class Pipeline {}");
        Files.writeString(directory.resolve("README.md"), "# a pipeline");
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("first").setSign(false).call();
            commitTree = commit.getTree().name();
        }
        indexWithoutCacheTree = Files.readAllBytes(directory.resolve(".git/index"));
    }

    @Test
    void anIndexWithoutACacheTreeIsHashedToItsCommitsTree() {
        GitIndex index = GitIndex.parse(indexWithoutCacheTree).orElseThrow();

        assertThat(index.tree()).isEqualTo(commitTree);
    }

    @Test
    void aValidCacheTreeGivesTheTreeWithoutHashing() {
        String recorded = "0123456789abcdef0123456789abcdef01234567"; // not the real tree: proves where it came from
        byte[] index = withCacheTree(indexWithoutCacheTree, "2 1\n", HexFormat.of().parseHex(recorded));

        assertThat(GitIndex.parse(index).orElseThrow().tree()).isEqualTo(recorded);
        assertThat(GitIndex.parse(index).orElseThrow().hashedTree()).isEqualTo(commitTree);
    }

    @Test
    void anInvalidatedOrPartialCacheTreeIsHashedInstead() {
        byte[] invalidated = withCacheTree(indexWithoutCacheTree, "-1 1\n", new byte[0]);
        byte[] partial = withCacheTree(indexWithoutCacheTree, "1 1\n", new byte[20]);

        assertThat(GitIndex.parse(invalidated).orElseThrow().tree()).isEqualTo(commitTree);
        assertThat(GitIndex.parse(partial).orElseThrow().tree()).isEqualTo(commitTree);
    }

    /**
     * The index with a cache-tree extension whose root entry is {@code <count> <subtrees>\n} and {@code id}, and the
     * trailing checksum recomputed, as git writes it.
     */
    private static byte[] withCacheTree(byte[] index, String root, byte[] id) {
        byte[] withoutChecksum = Arrays.copyOf(index, index.length - 20);
        ByteArrayOutputStream extension = new ByteArrayOutputStream();
        extension.write(0); // the root's path is empty
        extension.writeBytes(root.getBytes(StandardCharsets.US_ASCII));
        extension.writeBytes(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(withoutChecksum);
        out.writeBytes("TREE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(extension.size()).array());
        out.writeBytes(extension.toByteArray());
        out.writeBytes(GitIndex.sha1().digest(out.toByteArray()));
        return out.toByteArray();
    }
}
