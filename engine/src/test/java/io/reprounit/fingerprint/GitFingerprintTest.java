package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFingerprintTest {

    @TempDir
    Path directory;

    @Test
    void outsideAnyRepositoryOnePartSaysSo() throws Exception {
        Path plain = Files.createDirectories(directory.resolve("no-git/target/test-classes"));

        List<FingerprintPart> parts = GitFingerprint.take(plain);

        assertThat(parts).extracting(FingerprintPart::name, FingerprintPart::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("git", GitFingerprint.OUTSIDE));
    }

    @Test
    void aCleanWorkingTreeGivesCommitBranchAndNotDirty() throws Exception {
        String commit = commitPipeline("target/\n");
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));

        Map<String, String> parts = values(GitFingerprint.take(classes));

        assertThat(parts).containsEntry("git.commit", commit).containsEntry("git.branch", "main")
                .containsEntry("git.dirty", "false").doesNotContainKey("git.uncommitted");
    }

    @Test
    void aDirtyWorkingTreeIsDetectedAndItsChangesDigested() throws Exception {
        commitPipeline("target/\n*.log\n");
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 12; }");
        Map<String, FingerprintPart> edited = parts(GitFingerprint.take(classes));
        assertThat(edited.get("git.dirty").value()).isEqualTo("true");
        assertThat(edited.get("git.uncommitted").value()).isEqualTo("1 changed files");

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 13; }");
        assertThat(parts(GitFingerprint.take(classes)).get("git.uncommitted").digest())
                .as("another edit of the same file").isNotEqualTo(edited.get("git.uncommitted").digest());

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 12; }");
        Files.writeString(directory.resolve("run.log"), "ignored");
        Files.writeString(classes.resolve("Pipeline.class"), "ignored too");
        assertThat(parts(GitFingerprint.take(classes)).get("git.uncommitted").digest())
                .as("ignored files do not count").isEqualTo(edited.get("git.uncommitted").digest());

        Files.writeString(directory.resolve("Notes.java"), "class Notes {}");
        FingerprintPart untracked = parts(GitFingerprint.take(classes)).get("git.uncommitted");
        assertThat(untracked.value()).isEqualTo("2 changed files");
        assertThat(untracked.digest()).as("an untracked file counts").isNotEqualTo(edited.get("git.uncommitted").digest());
    }

    @Test
    void aWorkingTreeThatDidNotChangeIsAnsweredFromTheCacheAndAnyChangeAsksJGitAgain() throws Exception {
        String commit = commitPipeline("target/\n");
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));
        Files.writeString(classes.resolve("Earlier.class"), "built before");
        Path cache = Files.createTempDirectory("git-cache");
        backdate(directory);

        assertThat(values(GitFingerprint.take(classes, cache))).containsEntry("git.commit", commit);
        Path file;
        try (var files = Files.list(cache)) {
            file = files.findFirst().orElseThrow();
        }
        // Plant another commit in the cache's part (not in the state of the tree it was taken of, which names the
        // commit too): while the tree is unchanged, the cache answers.
        Files.writeString(file, Files.readString(file).replace("\t" + commit, "\t" + "c".repeat(40)));
        assertThat(values(GitFingerprint.take(classes, cache))).containsEntry("git.commit", "c".repeat(40));

        Files.writeString(classes.resolve("Pipeline.class"), "ignored output");
        backdate(directory);
        assertThat(values(GitFingerprint.take(classes, cache))).as("a change in an ignored directory")
                .containsEntry("git.commit", "c".repeat(40));

        Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline { int epochs = 12; }");
        backdate(directory);
        assertThat(values(GitFingerprint.take(classes, cache))).as("an edit is looked at again")
                .containsEntry("git.commit", commit).containsEntry("git.dirty", "true");
    }

    @Test
    void aDamagedCacheFileIsIgnored() throws Exception {
        String commit = commitPipeline("target/\n");
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));
        Path cache = Files.createTempDirectory("git-cache");
        backdate(directory);
        GitFingerprint.take(classes, cache);
        try (var files = Files.list(cache)) {
            Path file = files.findFirst().orElseThrow();
            Files.writeString(file, Files.readString(file).lines().limit(3).collect(Collectors.joining("\n")) + "\n\u0000");
        }

        assertThat(values(GitFingerprint.take(classes, cache))).containsEntry("git.commit", commit)
                .containsEntry("git.dirty", "false");
    }

    @Test
    void aFreshlyWrittenTreeIsNotTrustedToTheCache() throws Exception {
        commitPipeline(null);
        Path cache = Files.createTempDirectory("git-cache");

        GitFingerprint.take(directory, cache);

        try (var files = Files.list(cache)) {
            assertThat(files.count()).as("nothing remembered of a tree written just now").isZero();
        }
    }

    /**
     * The cached answer must not load JGit: its first class costs a fresh JVM the verification of JGit's signed jar and
     * its message bundle. Any class but the reader that names a JGit type would load it with itself.
     */
    @Test
    void onlyTheStatusReaderUsesJGit() {
        com.tngtech.archunit.core.domain.JavaClasses classes = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(new com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests())
                .importPackages("io.reprounit.fingerprint");
        String reader = "io.reprounit.fingerprint.git.GitStatusReader";
        assertThat(classes.contain(reader)).isTrue();
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("io.reprounit.fingerprint..").and().doNotHaveFullyQualifiedName(reader)
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .check(classes);
    }

    /** A repository in the test's directory with one committed source file; its commit id. */
    private String commitPipeline(@org.jspecify.annotations.Nullable String gitignore) throws Exception {
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            Files.writeString(directory.resolve("Pipeline.java"), "class Pipeline {}");
            if (gitignore != null) {
                Files.writeString(directory.resolve(".gitignore"), gitignore);
            }
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("first").setSign(false).call().name();
        }
    }

    /** Sets every file's time to one moment in the past, so that none is racily fresh and unchanged ones stay equal. */
    private static void backdate(Path root) throws java.io.IOException {
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L);
        try (var paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, past);
            }
        }
    }

    private static Map<String, FingerprintPart> parts(List<FingerprintPart> parts) {
        return parts.stream().collect(Collectors.toMap(FingerprintPart::name, Function.identity()));
    }

    private static Map<String, String> values(List<FingerprintPart> parts) {
        return parts.stream().collect(Collectors.toMap(FingerprintPart::name, FingerprintPart::value));
    }
}
