package io.reprounit.fingerprint;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The git parts as JGit reads them: the only class of this package that loads JGit. */
final class GitStatusReader {

    static {
        // JGit measures the file system's timestamp resolution on first use, which takes over a second; in the
        // background it costs nothing here, and JGit treats recent files as racily clean meanwhile.
        org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
    }

    /**
     * @param ignored   what the status found ignored and untracked, for {@link GitStatusCache}'s walk to skip; empty where
     *                  the repository could not be read, and the parts say so and must not be remembered
     * @param untracked the untracked files that are not ignored, which {@link IndexStatus} may take as they are later
     */
    record Status(List<FingerprintPart> parts, Optional<Set<String>> ignored, Set<String> untracked) {}

    private GitStatusReader() {}

    /** The git parts of the repository holding {@code directory}; empty where JGit finds none. */
    static Optional<Status> read(Path directory) {
        Optional<File> gitDir = findGitDir(directory);
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.get()).readEnvironment().build();
                Git git = new Git(repository)) {
            List<FingerprintPart> parts = new ArrayList<>();
            ObjectId head = repository.resolve("HEAD");
            parts.add(FingerprintPart.of(Aspect.CODE, "git.commit", head == null ? "(no commits yet)" : head.name()));
            String branch = repository.getBranch();
            parts.add(FingerprintPart.of(Aspect.CODE, "git.branch", branch == null ? "(detached)" : branch));
            org.eclipse.jgit.api.Status status = git.status().call();
            boolean dirty = !status.isClean();
            parts.add(FingerprintPart.of(Aspect.CODE, "git.dirty", Boolean.toString(dirty)));
            if (dirty) {
                parts.add(uncommitted(repository.getWorkTree().toPath(), status));
            }
            return Optional.of(new Status(parts, Optional.of(status.getIgnoredNotInIndex()), status.getUntracked()));
        } catch (IOException | GitAPIException | RuntimeException e) {
            return Optional.of(new Status(
                    List.of(FingerprintPart.of(Aspect.CODE, "git", "unreadable repository: " + e.getMessage())),
                    Optional.empty(), Set.of()));
        }
    }

    private static Optional<File> findGitDir(Path directory) {
        Path start = Files.isRegularFile(directory) ? directory.getParent() : directory;
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toAbsolutePath().toFile());
        return Optional.ofNullable(builder.getGitDir());
    }

    /** Every uncommitted change: staged, modified, removed, missing, untracked or conflicting. */
    private static FingerprintPart uncommitted(Path workTree, org.eclipse.jgit.api.Status status) {
        TreeSet<String> changed = new TreeSet<>();
        changed.addAll(status.getAdded());
        changed.addAll(status.getChanged());
        changed.addAll(status.getModified());
        changed.addAll(status.getRemoved());
        changed.addAll(status.getMissing());
        changed.addAll(status.getUntracked());
        changed.addAll(status.getConflicting());
        return UncommittedChanges.part(workTree, changed);
    }
}
