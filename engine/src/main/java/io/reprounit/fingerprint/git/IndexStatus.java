package io.reprounit.fingerprint.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Tells the git state of a working tree without JGit, from git's index, in the two states a developer's loop is in
 * most — right after a commit, and after editing tracked files — where a cold JGit would cost a fresh JVM half a second.
 * It reads the tree the way git itself does: the index stands for the commit's tree (hashed as git hashes trees, it is
 * that tree: nothing is staged), an indexed file is unchanged where it has the size, time and mode the index recorded —
 * or, where that cannot be trusted, the content git recorded — and changed otherwise, and a file missing from the index
 * is untracked. Whatever it cannot tell as JGit would, it leaves to JGit: a staged change, a submodule or symbolic link,
 * an untracked file that the last status did not see (it might be ignored by a pattern), attributes or configuration
 * that make git compare other than bytes (line endings, filters, file modes), and a racily clean entry whose content
 * differs, where git's command line and JGit disagree. {@code GitIndexDifferentialTest} holds it to JGit's answers.
 */
final class IndexStatus {

    private static final long RACY_NANOS = 2_000_000_000L;
    private static final int REGULAR = 0100644;
    private static final int EXECUTABLE = 0100755;
    private static final int SYMBOLIC_LINK = 0120000;

    private IndexStatus() {}

    /** What the index told: {@code HEAD}'s branch and commit, and the paths JGit's status would name as changed. */
    record Answer(String commit, String branch, Set<String> changed) {

        GitState state(Path workTree) {
            return new GitState.Checkout(commit, branch, changed.isEmpty() ? Optional.empty()
                    : Optional.of(UncommittedChanges.of(workTree, changed)));
        }
    }

    /** {@link #read}'s answer as a state. */
    static Optional<GitState> state(Path workTree, Map<String, BasicFileAttributes> files, Set<String> knownUntracked) {
        return read(workTree, files, knownUntracked).map(answer -> answer.state(workTree));
    }

    /**
     * The commit of {@code workTree} and its uncommitted changes; empty where the index cannot tell them as JGit would.
     *
     * @param files          every file of the working tree outside {@code .git} and outside what git ignores,
     *                       relative, with {@code /} between names, and the attributes a walk of the tree just read
     *                       (not following links): they are not read again
     * @param knownUntracked the untracked files the last status found: only these may be missing from the index
     */
    static Optional<Answer> read(Path workTree, Map<String, BasicFileAttributes> files, Set<String> knownUntracked) {
        if (System.getenv("GIT_DIR") != null || System.getenv("GIT_INDEX_FILE") != null
                || System.getenv("GIT_WORK_TREE") != null || System.getenv("GIT_OBJECT_DIRECTORY") != null) {
            return Optional.empty();
        }
        Path git = workTree.resolve(".git");
        Optional<HeadCommit> head = HeadCommit.read(git);
        Optional<GitIndex> index = GitIndex.read(git.resolve("index"));
        if (head.isEmpty() || index.isEmpty() || !index.get().tree().equals(head.get().tree())
                || !PlainComparison.holds(git, index.get())) {
            return Optional.empty();
        }
        Optional<Set<String>> changed = changes(index.get(), workTree, git.resolve("index"), files, knownUntracked);
        // A damaged index is believed only where damage cannot have changed the answer: "clean" rests on a tree id
        // equal to the commit's and on every entry matching its file by stat data or content, which a damaged entry
        // does not do, while "changed" could be the damage speaking — so only then is the checksum worth its cost.
        if (changed.isEmpty() || !changed.get().isEmpty() && !index.get().intact()) {
            return Optional.empty();
        }
        return Optional.of(new Answer(head.get().commit(), head.get().branch(), changed.get()));
    }

    /**
     * The changed, missing and untracked files, as JGit's status names them; empty where one of them is something the
     * index cannot judge.
     */
    private static Optional<Set<String>> changes(GitIndex index, Path workTree, Path indexFile,
            Map<String, BasicFileAttributes> files, Set<String> knownUntracked) {
        try {
            long indexWritten = nanos(Files.getLastModifiedTime(indexFile).toInstant());
            Set<String> changed = new TreeSet<>();
            Set<String> indexed = new HashSet<>();
            for (GitIndex.Entry entry : index.entries()) {
                indexed.add(entry.path());
                Path file = workTree.resolve(entry.path());
                Optional<PosixFileAttributes> attributes = attributes(files.get(entry.path()), file);
                if (entry.mode() != REGULAR && entry.mode() != EXECUTABLE) {
                    if (attributes.isEmpty() || compare(entry, attributes.get(), file, indexWritten) != Comparison.SAME) {
                        return Optional.empty(); // a changed link or submodule: JGit compares those
                    }
                } else if (attributes.isEmpty()) {
                    changed.add(entry.path()); // missing
                } else {
                    Comparison comparison = compare(entry, attributes.get(), file, indexWritten);
                    if (comparison == Comparison.UNSURE) {
                        return Optional.empty();
                    }
                    if (comparison == Comparison.CHANGED) {
                        changed.add(entry.path()); // modified, or its executable bit changed
                    }
                }
            }
            for (String file : files.keySet()) {
                if (!indexed.contains(file)) {
                    if (!knownUntracked.contains(file)) {
                        return Optional.empty(); // new since the last status: perhaps ignored by a pattern
                    }
                    changed.add(file);
                }
            }
            return Optional.of(changed);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a file system without POSIX modes, or a file that vanished: JGit decides
        }
    }

    /**
     * A file's attributes as the walk read them where it did (on a POSIX file system they are POSIX attributes), else
     * read now; empty where the file does not exist.
     */
    private static Optional<PosixFileAttributes> attributes(@Nullable BasicFileAttributes walked, Path file)
            throws IOException {
        if (walked instanceof PosixFileAttributes posix) {
            return Optional.of(posix);
        }
        try {
            return Optional.of(Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** How a file compares with its index entry; {@code UNSURE} where git's command line and JGit would differ. */
    private enum Comparison { SAME, CHANGED, UNSURE }

    private static Comparison compare(GitIndex.Entry entry, PosixFileAttributes attributes, Path file,
            long indexWritten) throws IOException {
        Instant modified = attributes.lastModifiedTime().toInstant();
        boolean mode = switch (entry.mode()) {
            case SYMBOLIC_LINK -> attributes.isSymbolicLink();
            case REGULAR, EXECUTABLE -> attributes.isRegularFile()
                    && attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE) == (entry.mode() == EXECUTABLE);
            default -> false; // a submodule: its own commit is JGit's to read
        };
        if (!mode) {
            return Comparison.CHANGED;
        }
        boolean sameStat = (attributes.size() & 0xffff_ffffL) == entry.size()
                && modified.getEpochSecond() == entry.modifiedSeconds()
                && modified.getNano() == entry.modifiedNanos();
        if (sameStat && indexWritten - nanos(modified) > RACY_NANOS) {
            return Comparison.SAME;
        }
        // Where the time is too close to the index's, or the index was written by JGit, which leaves the size of every
        // entry it finds racily clean at zero and never refreshes it, the content decides, as git does.
        if (attributes.isRegularFile() && Arrays.equals(blobId(file), entry.blob())) {
            return Comparison.SAME;
        }
        // Other content behind the same size and time, written in the index's clock tick: git's command line calls it
        // modified, JGit may trust the stat data and call it clean (the differential test found it) — JGit decides.
        return sameStat ? Comparison.UNSURE : Comparison.CHANGED;
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
