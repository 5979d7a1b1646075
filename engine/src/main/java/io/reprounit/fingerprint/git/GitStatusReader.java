package io.reprounit.fingerprint.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The git state as JGit's status reads it: the only class that loads JGit. */
final class GitStatusReader {

    static {
        Slf4jFallback.quietWhereNoProvider(); // before JGit's first logger
        // JGit measures the file system's timestamp resolution on first use, which takes over a second; in the
        // background it costs nothing here, and JGit treats recent files as racily clean meanwhile.
        org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
    }

    /**
     * @param changed   what the state's uncommitted changes cover: every path JGit's status names
     * @param ignored   what the status found ignored and untracked, for {@link GitStatusCache}'s walk to skip; empty where
     *                  the repository could not be read, and the parts say so and must not be remembered
     * @param untracked the untracked files that are not ignored, which {@link IndexStatus} may take as they are later
     */
    record Status(GitState state, Set<String> changed, Optional<Set<String>> ignored, Set<String> untracked) {}

    private GitStatusReader() {}

    /** The state of the repository holding {@code directory}; empty where JGit finds none. */
    static Optional<Status> read(Path directory) {
        Optional<File> gitDir = findGitDir(directory);
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.get()).readEnvironment().build();
                Git git = new Git(repository)) {
            ObjectId head = repository.resolve("HEAD");
            String branch = repository.getBranch();
            org.eclipse.jgit.api.Status status = git.status().call();
            Set<String> changed = changed(status);
            Optional<GitState.Uncommitted> uncommitted = status.isClean() ? Optional.empty()
                    : Optional.of(UncommittedChanges.of(repository.getWorkTree().toPath(), changed));
            GitState state = new GitState.Checkout(head == null ? "(no commits yet)" : head.name(),
                    branch == null ? "(detached)" : branch, uncommitted);
            return Optional.of(new Status(state, changed, Optional.of(status.getIgnoredNotInIndex()), status.getUntracked()));
        } catch (IOException | GitAPIException | RuntimeException e) {
            return Optional.of(new Status(new GitState.Unreadable(String.valueOf(e.getMessage())), Set.of(),
                    Optional.empty(), Set.of()));
        }
    }

    private static Optional<File> findGitDir(Path directory) {
        Path start = Files.isRegularFile(directory) ? java.util.Objects.requireNonNull(directory.toAbsolutePath().getParent()) : directory;
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toAbsolutePath().toFile());
        return Optional.ofNullable(builder.getGitDir());
    }

    /** Every uncommitted change: staged, modified, removed, missing, untracked or conflicting. */
    private static Set<String> changed(org.eclipse.jgit.api.Status status) {
        TreeSet<String> changed = new TreeSet<>();
        changed.addAll(status.getAdded());
        changed.addAll(status.getChanged());
        changed.addAll(status.getModified());
        changed.addAll(status.getRemoved());
        changed.addAll(status.getMissing());
        changed.addAll(status.getUntracked());
        changed.addAll(status.getConflicting());
        return changed;
    }
}
