package io.reprounit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** What the reproduce ITs do to their fixture's git repository and files, as a user would between checks. */
final class FixtureRepositories {

    private FixtureRepositories() {}

    /** Commits everything in the working tree. */
    static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("ReproUnit IT", "it@reprounit.invalid")
                .setCommitter("ReproUnit IT", "it@reprounit.invalid").setSign(false).call();
    }

    /** Replaces {@code from}, which the file must hold, by {@code to}. */
    static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The Maven running this build, as MavenBuild runs it: the build in the checkout uses the same. */
    static String maven() {
        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        assertThat(mvn).isExecutable();
        return mvn.toString();
    }

    static void deleteRecursively(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
