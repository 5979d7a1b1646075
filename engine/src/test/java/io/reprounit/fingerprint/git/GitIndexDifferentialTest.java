package io.reprounit.fingerprint.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written index reader against JGit's status, on real repositories in every state a developer's tree is in:
 * where the reader answers, its changed paths and its state are JGit's; where it cannot be sure, it declines and JGit
 * answers. Each case also says which of the two is expected to answer, so that losing the fast path fails too, and
 * which paths JGit must name, so that a case that did not make its state fails rather than passing vacuously.
 *
 * <p>Each case runs on an index as JGit left it after its commit (entries' times as JGit saw them, no cache-tree) and
 * on one git's command line refreshed afterwards (entries' times equal to the files', index written later), since the
 * reader trusts stat data in the second and compares content in the first. Forms of the index that only git's command
 * line writes — versions 3 and 4, a split index — are made with it.
 *
 * <p>Where they disagreed, the reader now declines: other content behind a racily clean entry's size and time (git says
 * modified, JGit clean). JGit cannot read a split index at all; the reader declines it too. Index version 4 agreed once
 * the reader learnt its compressed paths.
 */
class GitIndexDifferentialTest {

    private static final FileTime PAST = FileTime.fromMillis(1_700_000_000_000L);

    /** Who wrote the index the case starts from. */
    enum Writer { JGIT, GIT }

    /** Which of the two gives the answer. */
    enum Answered { INDEX, JGIT }

    @FunctionalInterface
    interface Change {
        void apply(Repository repository) throws Exception;
    }

    @TempDir
    Path directory;

    static Stream<Arguments> states() {
        List<Arguments> cases = new ArrayList<>();
        for (Writer writer : Writer.values()) {
            cases.addAll(List.of(
                    arguments("clean", writer, (Change) r -> {}, Set.of(), Answered.INDEX),
                    arguments("edited", writer, (Change) r -> r.write("Pipeline.java", "class Pipeline { int epochs = 12; }"),
                            Set.of("Pipeline.java"), Answered.INDEX),
                    arguments("edited, same size, time touched", writer, (Change) r -> {
                        r.write("Pipeline.java", "class Pipeline {/**/}");
                        Files.setLastModifiedTime(r.file("Pipeline.java"), FileTime.fromMillis(1_700_000_005_000L));
                    }, Set.of("Pipeline.java"), Answered.INDEX),
                    arguments("edited, same size and time", writer, (Change) r -> {
                        r.write("Pipeline.java", "class Pipeline {/**/}");
                        Files.setLastModifiedTime(r.file("Pipeline.java"), PAST);
                    }, writer == Writer.GIT ? Set.of() : Set.of("Pipeline.java"), Answered.INDEX),
                    // Within two seconds of the index, where the reader's racy window (git's, made wider) sends it to
                    // the content: git's command line and JGit trust the stat data and say clean, the content differs.
                    arguments("edited, same size and time, index written a second later", writer, (Change) r -> {
                        r.write("Pipeline.java", "class Pipeline {/**/}");
                        Files.setLastModifiedTime(r.file("Pipeline.java"), PAST);
                        Files.setLastModifiedTime(r.file(".git/index"), FileTime.fromMillis(1_700_000_001_000L));
                    }, writer == Writer.GIT ? Set.of() : Set.of("Pipeline.java"),
                            writer == Writer.GIT ? Answered.JGIT : Answered.INDEX),
                    arguments("staged", writer, (Change) r -> {
                        r.write("Pipeline.java", "class Pipeline { int epochs = 12; }");
                        r.git("add", "Pipeline.java");
                    }, Set.of("Pipeline.java"), Answered.JGIT),
                    arguments("untracked", writer, (Change) r -> r.write("Notes.java", "class Notes {}"),
                            Set.of("Notes.java"), Answered.INDEX),
                    arguments("ignored", writer, (Change) r -> {
                        r.write("run.log", "ignored by a pattern");
                        r.write("target/classes/Pipeline.class", "ignored as a directory");
                    }, Set.of(), Answered.INDEX),
                    arguments("renamed in the tree", writer, (Change) r ->
                            Files.move(r.file("src/Data.java"), r.file("src/Dataset.java")),
                            Set.of("src/Data.java", "src/Dataset.java"), Answered.INDEX),
                    arguments("renamed and staged", writer, (Change) r -> r.git("mv", "src/Data.java", "src/Dataset.java"),
                            Set.of("src/Data.java", "src/Dataset.java"), Answered.JGIT),
                    arguments("deleted", writer, (Change) r -> Files.delete(r.file("src/Data.java")),
                            Set.of("src/Data.java"), Answered.INDEX),
                    arguments("executable bit set", writer, (Change) r -> r.executable("run.sh", true),
                            Set.of("run.sh"), Answered.INDEX),
                    arguments("executable bit set, core.fileMode false", writer, (Change) r -> {
                        r.git("config", "core.fileMode", "false");
                        r.executable("run.sh", true);
                    }, Set.of(), Answered.JGIT),
                    arguments("index version 2, edited", writer, (Change) r -> {
                        r.git("update-index", "--index-version", "2");
                        r.write("Pipeline.java", "class Pipeline { int epochs = 12; }");
                    }, Set.of("Pipeline.java"), Answered.INDEX),
                    arguments("index version 3, intent to add", writer, (Change) r -> {
                        r.write("Notes.java", "class Notes {}");
                        r.git("add", "--intent-to-add", "Notes.java");
                    }, Set.of("Notes.java"), Answered.JGIT),
                    arguments("index version 3, skip-worktree", writer, (Change) r -> {
                        r.git("update-index", "--skip-worktree", "src/Data.java");
                        r.write("src/Data.java", "class Data { int rows = 3; }");
                    }, Set.of(), Answered.JGIT),
                    arguments("index version 4, clean", writer, (Change) r ->
                            r.git("update-index", "--index-version", "4"), Set.of(), Answered.INDEX),
                    arguments("index version 4, edited", writer, (Change) r -> {
                        r.git("update-index", "--index-version", "4");
                        r.write("src/Data.java", "class Data { int rows = 3; }");
                    }, Set.of("src/Data.java"), Answered.INDEX),
                    arguments("index version 4, renamed in the tree", writer, (Change) r -> {
                        r.git("update-index", "--index-version", "4");
                        Files.move(r.file("src/Data.java"), r.file("src/Dataset.java"));
                    }, Set.of("src/Data.java", "src/Dataset.java"), Answered.INDEX)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, index written by {1}")
    @MethodSource("states")
    void theIndexReaderAgreesWithJGitOrLeavesItToJGit(String state, Writer writer, Change change,
            Set<String> changedPaths, Answered answered) throws Exception {
        Repository repository = Repository.committed(directory, writer);

        change.apply(repository);

        GitStatusReader.Status jgit = GitStatusReader.read(directory).orElseThrow();
        assertThat(jgit.state()).as("JGit read the repository").isInstanceOf(GitState.Checkout.class);
        assertThat(jgit.changed()).as("the paths JGit names").isEqualTo(changedPaths);
        Optional<IndexStatus.Answer> index = IndexStatus.read(directory,
                repository.walk(jgit.ignored().orElseThrow()), jgit.untracked());
        index.ifPresent(answer -> {
            assertThat(answer.changed()).as("the index's changed paths").isEqualTo(jgit.changed());
            assertThat(answer.state(directory)).as("the index's state").isEqualTo(jgit.state());
        });
        assertThat(index.isPresent() ? Answered.INDEX : Answered.JGIT).as("who answers").isEqualTo(answered);
    }

    /**
     * JGit cannot read a split index (its {@code link} extension), so there is no answer to agree with: the reader
     * declines too, and the fingerprint says the repository is unreadable rather than guess.
     */
    @ParameterizedTest
    @EnumSource(Writer.class)
    void aSplitIndexIsLeftToJGitWhichCannotReadIt(Writer writer) throws Exception {
        Repository repository = Repository.committed(directory, writer);
        repository.git("update-index", "--split-index");
        repository.write("Pipeline.java", "class Pipeline { int epochs = 12; }");

        GitStatusReader.Status jgit = GitStatusReader.read(directory).orElseThrow();

        assertThat(jgit.state()).isInstanceOf(GitState.Unreadable.class);
        assertThat(IndexStatus.read(directory, repository.walk(Set.of()), Set.of())).isEmpty();
    }

    /** A repository in a directory, changed with plain file operations and git's command line. */
    record Repository(Path root) {

        /**
         * Three committed files (one of them in a directory, one a script) and a {@code .gitignore}, their times well in
         * the past; with {@link Writer#GIT}, the index refreshed by git afterwards, so its entries carry those times.
         */
        static Repository committed(Path root, Writer writer) throws Exception {
            Repository repository = new Repository(root);
            repository.write("Pipeline.java", "class Pipeline {    }");
            repository.write("src/Data.java", "class Data {}");
            repository.write("run.sh", "echo run");
            repository.write(".gitignore", "*.log\ntarget/\n");
            try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("first").setSign(false).call();
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.filter(p -> !p.startsWith(root.resolve(".git"))).toList()) {
                    Files.setLastModifiedTime(path, PAST);
                }
            }
            if (writer == Writer.GIT) {
                repository.git("update-index", "-q", "--really-refresh");
            }
            return repository;
        }

        Path file(String path) {
            return root.resolve(path);
        }

        void write(String path, String content) throws IOException {
            Files.createDirectories(file(path).getParent());
            Files.writeString(file(path), content);
        }

        void executable(String path, boolean executable) {
            assertThat(file(path).toFile().setExecutable(executable, true)).isTrue();
        }

        /** Runs git's command line in the repository, without the user's or the system's configuration. */
        void git(String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of("git", "-c", "core.hooksPath=/dev/null"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("git %s: %s", command, output).isZero();
        }

        /** The files outside {@code .git} and outside what JGit found ignored, as {@link GitStatusCache}'s walk finds them. */
        Map<String, BasicFileAttributes> walk(Set<String> ignored) throws IOException {
            Map<String, BasicFileAttributes> files = new HashMap<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return directory.equals(root.resolve(".git")) || ignored.contains(relative(directory))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                    if (!ignored.contains(relative(path))) {
                        files.put(relative(path),
                                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return files;
        }

        private String relative(Path path) {
            return root.relativize(path).toString().replace('\\', '/');
        }
    }
}
