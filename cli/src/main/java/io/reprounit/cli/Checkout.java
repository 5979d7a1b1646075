package io.reprounit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A recorded commit checked out in a directory of its own. JGit has no {@code git worktree add}, so this is a local
 * clone of the repository, detached at the commit: the user's working tree, index and branches are never touched.
 */
final class Checkout {

    private Checkout() {}

    /**
     * The git working tree holding {@code directory}: what {@code --repository} defaults to.
     *
     * @throws ReproduceRefusal where {@code directory} is not in a git working tree
     */
    static Path workTree(Path directory) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(directory.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw new ReproduceRefusal("No git repository holds " + directory.toAbsolutePath() + ": run reproduce in"
                    + " the project's working tree, or name it with --repository.");
        }
        try (Repository repository = builder.readEnvironment().build()) {
            if (repository.isBare()) {
                return repository.getDirectory().toPath();
            }
            return repository.getWorkTree().toPath();
        } catch (IOException | IllegalArgumentException e) {
            throw new ReproduceRefusal("Cannot open the git repository holding " + directory.toAbsolutePath() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Clones {@code repository} into {@code target} (which must not exist or be empty) and checks out {@code commit}
     * there, detached.
     *
     * @throws ReproduceRefusal where the repository cannot be read or has no such commit on any branch or tag
     */
    static void clone(Path repository, String commit, Path target) {
        try (Git git = Git.cloneRepository().setURI(repository.toUri().toString()).setDirectory(target.toFile())
                .setCloneAllBranches(true).call()) {
            ObjectId id = resolve(git.getRepository(), commit);
            if (id == null) {
                throw new ReproduceRefusal("The repository " + repository + " has no commit " + commit + " on any"
                        + " branch or tag: was it amended, rebased away, or recorded in another repository (name that"
                        + " one with --repository)?");
            }
            git.checkout().setName(id.name()).call();
        } catch (GitAPIException | IOException e) {
            throw new ReproduceRefusal("Cannot check out commit " + commit + " of " + repository + " into " + target
                    + ": " + e.getMessage());
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new ReproduceRefusal("The recorded commit '" + commit + "' is not a commit id.");
        }
    }

    /** The commit {@code commit} names in {@code repository}; null where it has none. */
    private static @Nullable ObjectId resolve(Repository repository, String commit) throws IOException {
        try {
            return repository.resolve(commit + "^{commit}");
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
    }

    /** Deletes {@code directory} and everything in it; what cannot be deleted is left, and said so. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                if (!Files.isWritable(path)) {
                    path.toFile().setWritable(true); // git's object files are read-only
                }
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the checkout " + directory + "; delete it by hand", e);
        }
    }
}
