package io.reprounit.fingerprint.git;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/** What {@link GitStatus} found: no repository, a repository it could not read, or a checkout of a commit. */
@API(status = INTERNAL, since = "0.1")
public sealed interface GitState {

    /** No {@code .git} at or above the directory. */
    record Outside() implements GitState {}

    /** A repository JGit could not read, and why. */
    record Unreadable(String reason) implements GitState {
        public Unreadable {
            requireNonNull(reason);
        }
    }

    /**
     * @param commit      the id of {@code HEAD}, or {@code (no commits yet)}
     * @param branch      the branch {@code HEAD} names, or {@code (detached)}
     * @param uncommitted present where the tree is dirty
     */
    record Checkout(String commit, String branch, Optional<Uncommitted> uncommitted) implements GitState {
        public Checkout {
            requireNonNull(commit);
            requireNonNull(branch);
            requireNonNull(uncommitted);
        }
    }

    /**
     * Every changed tracked file and every untracked file that is not ignored, counted and digested by path and content
     * ({@link UncommittedChanges}), so that two runs on one commit with different local edits can be told apart.
     */
    record Uncommitted(int files, String digest) {
        public Uncommitted {
            requireNonNull(digest);
        }
    }
}
