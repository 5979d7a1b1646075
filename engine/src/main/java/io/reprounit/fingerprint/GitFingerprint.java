package io.reprounit.fingerprint;

import io.reprounit.artifact.Digests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The commit a run's code comes from, read with JGit: commit id, branch, whether the working tree is dirty, and a digest
 * of the uncommitted changes — each changed tracked file and each untracked file that is not ignored, by path and
 * content — so that two runs on one commit with different local edits can still be told apart.
 */
final class GitFingerprint {

    static final String OUTSIDE = "not in a git repository";

    static {
        // JGit measures the file system's timestamp resolution on first use, which takes over a second; in the
        // background it costs nothing here, and JGit treats recent files as racily clean meanwhile.
        org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
    }

    private GitFingerprint() {}

    /** The git parts for the repository holding {@code directory}; one part saying so where there is none. */
    static List<FingerprintPart> take(Path directory) {
        return take(directory, null);
    }

    /**
     * The same, remembered in {@code cacheDirectory} across JVMs while the working tree does not change (see
     * {@link GitStatusCache}); {@code null} asks JGit every time.
     */
    static List<FingerprintPart> take(Path directory, @org.jspecify.annotations.Nullable Path cacheDirectory) {
        Optional<GitStatusCache> cache = cacheDirectory == null ? Optional.empty()
                : plainWorkTree(directory).map(tree -> new GitStatusCache(cacheDirectory, tree));
        Optional<List<FingerprintPart>> cached = cache.flatMap(GitStatusCache::read);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!insideAnyRepository(directory)) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", OUTSIDE)); // without loading JGit at all
        }
        Optional<File> gitDir = findGitDir(directory);
        if (gitDir.isEmpty()) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", OUTSIDE));
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.get()).readEnvironment().build();
                Git git = new Git(repository)) {
            List<FingerprintPart> parts = new ArrayList<>();
            ObjectId head = repository.resolve("HEAD");
            parts.add(FingerprintPart.of(Aspect.CODE, "git.commit", head == null ? "(no commits yet)" : head.name()));
            String branch = repository.getBranch();
            parts.add(FingerprintPart.of(Aspect.CODE, "git.branch", branch == null ? "(detached)" : branch));
            Status status = git.status().call();
            boolean dirty = !status.isClean();
            parts.add(FingerprintPart.of(Aspect.CODE, "git.dirty", Boolean.toString(dirty)));
            if (dirty) {
                parts.add(uncommitted(repository.getWorkTree().toPath(), status));
            }
            cache.ifPresent(c -> c.write(parts, status.getIgnoredNotInIndex()));
            return parts;
        } catch (IOException | GitAPIException | RuntimeException e) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", "unreadable repository: " + e.getMessage()));
        }
    }

    /** Whether a {@code .git} directory or file stands at or above {@code directory}, or {@code GIT_DIR} names one. */
    private static boolean insideAnyRepository(Path directory) {
        if (System.getenv("GIT_DIR") != null) {
            return true;
        }
        for (Path candidate = directory.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (java.nio.file.Files.exists(candidate.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** The nearest directory at or above {@code directory} with a {@code .git} directory, found without JGit. */
    private static Optional<Path> plainWorkTree(Path directory) {
        for (Path candidate = directory.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (java.nio.file.Files.isDirectory(candidate.resolve(".git"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<File> findGitDir(Path directory) {
        Path start = java.nio.file.Files.isRegularFile(directory) ? directory.getParent() : directory;
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toAbsolutePath().toFile());
        return Optional.ofNullable(builder.getGitDir());
    }

    /** A digest over every uncommitted change, by path, in path order; the value counts the changed files. */
    private static FingerprintPart uncommitted(Path workTree, Status status) {
        TreeSet<String> changed = new TreeSet<>();
        changed.addAll(status.getAdded());
        changed.addAll(status.getChanged());
        changed.addAll(status.getModified());
        changed.addAll(status.getRemoved());
        changed.addAll(status.getMissing());
        changed.addAll(status.getUntracked());
        changed.addAll(status.getConflicting());
        MessageDigest sha256 = Digests.newSha256();
        for (String path : changed) {
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
        return new FingerprintPart(Aspect.CODE, "git.uncommitted", changed.size() + " changed files",
                Digests.format(sha256.digest()));
    }
}
