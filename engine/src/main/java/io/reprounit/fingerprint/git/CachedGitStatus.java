package io.reprounit.fingerprint.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link GitStatus} as the fingerprint uses it: the cache's answer where the tree did not change or the index can tell
 * it ({@link GitStatusCache}), JGit's otherwise ({@link GitStatusReader}), and no JGit at all outside a repository.
 */
final class CachedGitStatus implements GitStatus {

    private final @Nullable Path cacheDirectory;

    CachedGitStatus(@Nullable Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    @Override
    public GitState of(Path directory) {
        Optional<GitStatusCache> cache = cacheDirectory == null ? Optional.empty()
                : plainWorkTree(directory).map(tree -> new GitStatusCache(cacheDirectory, tree));
        Optional<GitState> cached = cache.flatMap(GitStatusCache::read);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!insideAnyRepository(directory)) {
            return new GitState.Outside(); // without loading JGit at all
        }
        Optional<GitStatusReader.Status> status = GitStatusReader.read(directory);
        if (status.isEmpty()) {
            return new GitState.Outside();
        }
        status.get().ignored().ifPresent(ignored ->
                cache.ifPresent(c -> c.write(status.get().state(), ignored, status.get().untracked())));
        return status.get().state();
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
