package io.reprounit.fingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit a run's code comes from: commit id, branch, whether the working tree is dirty, and a digest of the
 * uncommitted changes — each changed tracked file and each untracked file that is not ignored, by path and content — so
 * that two runs on one commit with different local edits can still be told apart. JGit reads them ({@link GitStatusReader});
 * this class decides whether it needs to, and touches no JGit class itself: loading the first one verifies JGit's
 * signed jar and reads its message bundle, which cost a fresh JVM more than the cached answer does.
 */
final class GitFingerprint {

    static final String OUTSIDE = "not in a git repository";

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
        Optional<GitStatusReader.Status> status = GitStatusReader.read(directory);
        if (status.isEmpty()) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", OUTSIDE));
        }
        status.get().ignored().ifPresent(ignored ->
                cache.ifPresent(c -> c.write(status.get().parts(), ignored, status.get().untracked())));
        return status.get().parts();
    }

    /** Whether a {@code .git} directory or file stands at or above {@code directory}, or {@code GIT_DIR} names one. */
    private static boolean insideAnyRepository(Path directory) {
        if (System.getenv("GIT_DIR") != null) {
            return true;
        }
        for (Path candidate = directory.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** The nearest directory at or above {@code directory} with a {@code .git} directory, found without JGit. */
    private static Optional<Path> plainWorkTree(Path directory) {
        for (Path candidate = directory.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve(".git"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
