package io.reprounit.fingerprint.git;

import io.reprounit.artifact.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The uncommitted changes of a tree: a digest over every changed path and its content, in path order. JGit's answer
 * and the index's answer ({@link IndexStatus}) both go through here, so that one working tree has one digest whichever
 * of them told it.
 */
final class UncommittedChanges {

    private UncommittedChanges() {}

    /** @param changed paths relative to {@code workTree}, with {@code /} between names */
    static GitState.Uncommitted of(Path workTree, Collection<String> changed) {
        TreeSet<String> paths = new TreeSet<>(changed);
        MessageDigest sha256 = Digests.newSha256();
        for (String path : paths) {
            sha256.update(path.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            Path file = workTree.resolve(path);
            if (Files.isRegularFile(file)) {
                try {
                    sha256.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    sha256.update("(unreadable)".getBytes(StandardCharsets.UTF_8));
                }
            } else {
                sha256.update("(deleted)".getBytes(StandardCharsets.UTF_8));
            }
            sha256.update((byte) 0);
        }
        return new GitState.Uncommitted(paths.size(), Digests.format(sha256.digest()));
    }
}
