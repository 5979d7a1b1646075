package io.reprounit.fingerprint.git;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The git state of the working tree that holds a directory: the one thing the fingerprint asks of git. Implementations
 * load no JGit class before they need one: loading the first verifies JGit's signed jar and reads its message bundle,
 * which costs a fresh JVM more than a remembered answer does.
 */
@API(status = INTERNAL, since = "0.1")
public interface GitStatus {

    /** The state of the repository holding {@code directory}. */
    GitState of(Path directory);

    /**
     * Answers remembered in {@code cacheDirectory} across JVMs while the working tree does not change, told from git's
     * index where that agrees with JGit, and JGit's otherwise; {@code null} asks JGit every time.
     */
    static GitStatus rememberedIn(@Nullable Path cacheDirectory) {
        return new CachedGitStatus(cacheDirectory);
    }
}
