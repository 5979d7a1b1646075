package io.reprounit.fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, without JGit, that a working tree is exactly its {@code HEAD} commit — the usual state right after a commit,
 * when a cold JGit would cost a fresh JVM half a second — the way git itself does: the index stands for the commit's
 * tree (hashed as git hashes trees, it is that tree), every indexed file has the size, time and mode the index
 * recorded — or, where that cannot be trusted, the content git recorded — and no file outside what was ignored is
 * missing from the index. Whatever it cannot tell, it leaves to JGit.
 */
final class CleanCheckout {

    private static final long RACY_NANOS = 2_000_000_000L;
    private static final int REGULAR = 0100644;
    private static final int EXECUTABLE = 0100755;
    private static final int SYMBOLIC_LINK = 0120000;

    private CleanCheckout() {}

    /**
     * The git parts of {@code workTree} where it is a clean checkout of its branch; empty where that cannot be told.
     *
     * @param files every file of the working tree outside {@code .git} and outside what git ignores, relative, with
     *              {@code /} between names
     */
    static Optional<List<FingerprintPart>> parts(Path workTree, Set<String> files) {
        if (System.getenv("GIT_DIR") != null || System.getenv("GIT_INDEX_FILE") != null
                || System.getenv("GIT_WORK_TREE") != null || System.getenv("GIT_OBJECT_DIRECTORY") != null) {
            return Optional.empty();
        }
        Path git = workTree.resolve(".git");
        Optional<HeadCommit> head = HeadCommit.read(git);
        Optional<GitIndex> index = GitIndex.read(git.resolve("index"));
        if (head.isEmpty() || index.isEmpty() || !index.get().tree().equals(head.get().tree())
                || !matchesWorkTree(index.get(), workTree, git.resolve("index"), files)) {
            return Optional.empty();
        }
        return Optional.of(List.of(
                FingerprintPart.of(Aspect.CODE, "git.commit", head.get().commit()),
                FingerprintPart.of(Aspect.CODE, "git.branch", head.get().branch()),
                FingerprintPart.of(Aspect.CODE, "git.dirty", "false")));
    }

    private static boolean matchesWorkTree(GitIndex index, Path workTree, Path indexFile, Set<String> files) {
        try {
            long indexWritten = nanos(Files.getLastModifiedTime(indexFile).toInstant());
            Set<String> indexed = new HashSet<>();
            for (GitIndex.Entry entry : index.entries()) {
                if (!matches(entry, workTree.resolve(entry.path()), indexWritten)) {
                    return false;
                }
                indexed.add(entry.path());
            }
            return indexed.containsAll(files); // else an untracked file
        } catch (IOException | RuntimeException e) {
            return false; // a file gone, or a file system without POSIX modes: JGit decides
        }
    }

    private static boolean matches(GitIndex.Entry entry, Path file, long indexWritten) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Instant modified = attributes.lastModifiedTime().toInstant();
        boolean mode = switch (entry.mode()) {
            case SYMBOLIC_LINK -> attributes.isSymbolicLink();
            case REGULAR, EXECUTABLE -> attributes.isRegularFile()
                    && attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE) == (entry.mode() == EXECUTABLE);
            default -> false; // a submodule: its own commit is JGit's to read
        };
        if (!mode) {
            return false;
        }
        boolean sameStat = (attributes.size() & 0xffff_ffffL) == entry.size()
                && modified.getEpochSecond() == entry.modifiedSeconds()
                && modified.getNano() == entry.modifiedNanos()
                && indexWritten - nanos(modified) > RACY_NANOS;
        // Where the time is too close to the index's, or the index was written by JGit, which leaves the size of every
        // entry it finds racily clean at zero and never refreshes it, the content decides, as git does.
        return sameStat || attributes.isRegularFile() && Arrays.equals(blobId(file), entry.blob());
    }

    /** The id git gives a file's content: the SHA-1 of {@code blob <size>\0} and the bytes. */
    private static byte[] blobId(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        MessageDigest sha1 = GitIndex.sha1();
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return sha1.digest(content);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
