package io.reprounit.fingerprint;

import io.reprounit.fingerprint.git.GitState;
import io.reprounit.fingerprint.git.GitStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The code parts a run takes from git: commit id, branch, whether the working tree is dirty, and a digest of the
 * uncommitted changes, so that two runs on one commit with different local edits can still be told apart. How they are
 * read is {@link GitStatus}'s business; this class only names them.
 */
final class GitFingerprint {

    static final String OUTSIDE = "not in a git repository";

    private GitFingerprint() {}

    /** The git parts for the repository holding {@code directory}; one part saying so where there is none. */
    static List<FingerprintPart> take(Path directory) {
        return take(directory, null);
    }

    /** The same, remembered in {@code cacheDirectory} across JVMs; {@code null} asks JGit every time. */
    static List<FingerprintPart> take(Path directory, @org.jspecify.annotations.Nullable Path cacheDirectory) {
        return parts(GitStatus.rememberedIn(cacheDirectory).of(directory));
    }

    static List<FingerprintPart> parts(GitState state) {
        if (state instanceof GitState.Unreadable unreadable) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", "unreadable repository: " + unreadable.reason()));
        }
        if (!(state instanceof GitState.Checkout checkout)) {
            return List.of(FingerprintPart.of(Aspect.CODE, "git", OUTSIDE));
        }
        List<FingerprintPart> parts = new ArrayList<>(List.of(
                FingerprintPart.of(Aspect.CODE, "git.commit", checkout.commit()),
                FingerprintPart.of(Aspect.CODE, "git.branch", checkout.branch()),
                FingerprintPart.of(Aspect.CODE, "git.dirty", Boolean.toString(checkout.uncommitted().isPresent()))));
        checkout.uncommitted().ifPresent(uncommitted -> parts.add(FingerprintPart.ofContent(Aspect.CODE,
                "git.uncommitted", uncommitted.files() + " changed files", uncommitted.digest())));
        return parts;
    }
}
