package io.reprounit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.s3.S3Settings;
import io.reprounit.store.ArtifactsRemote;
import io.reprounit.testsupport.MavenBuild;
import io.reprounit.testsupport.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin's goals in a real Maven build of a fixture project, as a user runs them: {@code mvn test} records a check
 * of its pipeline in the store at the root of its git working tree, then {@code mvn reprounit:…} reads it back there,
 * with no option but the goal's own.
 */
class MavenPluginIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String PIPELINE = "WordCountPipelineTest";

    @Test
    void theGoalsReadTheHistoryThatTheProjectsTestsRecorded() throws Exception {
        // One build of the fixture for every goal: each Maven run costs seconds.
        MavenBuild build = MavenBuild.ofFixture("plugin-goals", TIMEOUT).inGitRepository();

        MavenBuild.Result test = build.run("test");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.project().resolve(".reprounit/metadata.db")).as("the store at the working tree's root")
                .exists();

        MavenBuild.Result runs = build.run("reprounit:runs");
        assertThat(runs.exitCode()).as(runs.output()).isZero();
        Matcher check = Pattern.compile("\\[INFO\\] (\\d+) +\\S+ \\S+ +" + PIPELINE + " .*REPRODUCED")
                .matcher(runs.output());
        assertThat(check.find()).as(runs.output()).isTrue();
        String run = check.group(1) + ".1";

        MavenBuild.Result history = build.run("reprounit:history", "-Dpipeline=" + PIPELINE);
        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(history.output()).contains("[INFO] " + PIPELINE + ": 1 checks recorded")
                .contains(" load ").contains(" countWords ").contains("first recorded");

        MavenBuild.Result show = build.run("reprounit:show", "-Drun=" + run);
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).contains("Run " + run + " of " + PIPELINE).contains("[INFO] load ")
                .contains("[INFO] countWords ").contains("git.commit").containsPattern("jar:\\* +\\d+ jars");
        assertThat(show.output().indexOf("[INFO] STEP")).as("steps first").isLessThan(
                show.output().indexOf("[INFO] ASPECT"));

        MavenBuild.Result diff = build.run("reprounit:diff", "-Dbefore=" + run, "-Dafter=" + check.group(1) + ".2");
        assertThat(diff.exitCode()).as(diff.output()).isZero();
        assertThat(diff.output()).contains("have the same fingerprint parts and the same step outputs");

        MavenBuild.Result output = build.run("reprounit:output", "-Drun=" + run, "-Dstep=countWords",
                "-Dfile=counts.txt");
        assertThat(output.exitCode()).as(output.output()).isZero();
        Path saved = output.project().resolve("counts.txt");
        assertThat(Files.readString(saved)).contains("quick").contains("lazy");

        // The same output, read on "another machine" (an empty cache) through an S3 bucket that the first one filled.
        try (S3Server s3 = S3Server.start(Path.of("target", "s3-server").toAbsolutePath()).createBucket("team")) {
            ArtifactStore first = ArtifactsRemote.with(new ArtifactStore(test.project().resolve(".reprounit/artifacts")),
                    S3Settings.parse("s3://team/reprounit", s3.endpoint(), null, null, ArtifactsRemote.KEYS));
            first.everyFile().forEach(artifact -> assertThat(first.contains(artifact.digest())).isTrue());
            MavenBuild.Result fromBucket = build.run("reprounit:output", "-Drun=" + run, "-Dstep=countWords",
                    "-Dfile=from-bucket.txt", "-Dartifacts=" + test.project().resolve("another-machine"),
                    "-Dreprounit.artifacts.url=s3://team/reprounit", "-Dreprounit.artifacts.s3.endpoint="
                    + s3.endpoint());
            assertThat(fromBucket.exitCode()).as(fromBucket.output()).isZero();
            assertThat(Files.readString(fromBucket.project().resolve("from-bucket.txt"))).contains("quick")
                    .contains("lazy");
            assertThat(test.project().resolve("another-machine")).as("the bucket's cache there").isDirectory();
        }

        MavenBuild.Result verify = build.run("reprounit:verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Every artifact is intact.");

        MavenBuild.Result report = build.run("reprounit:report");
        assertThat(report.exitCode()).as(report.output()).isZero();
        Path page = report.project().resolve("target/reprounit-report.html");
        assertThat(report.output()).contains("Wrote the report of 1 pipeline");
        assertThat(Files.readString(page)).contains("<meta name=\"generator\" content=\"ReproUnit report\">")
                .contains("\"name\":\"" + PIPELINE + "\"").contains("\"name\":\"countWords\"");
        Files.writeString(page, "my notes");
        MavenBuild.Result refused = build.run("reprounit:report");
        assertThat(refused.exitCode()).as("someone else's file is not overwritten").isEqualTo(1);
        assertThat(refused.output()).contains("Not overwriting").contains("--force");
        assertThat(Files.readString(page)).isEqualTo("my notes");

        MavenBuild.Result unknown = build.run("reprounit:history", "-Dpipeline=WordCount");
        assertThat(unknown.exitCode()).as("a mistake fails the goal").isEqualTo(1);
        assertThat(unknown.output()).contains("No pipeline 'WordCount'").contains(PIPELINE).doesNotContain("\tat ");
    }

    /** What the README tells a user to put in their pom.xml is what the fixture above declares, at this version. */
    @Test
    void theReadmeDeclaresThePluginAsTheFixtureDoes() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("it.readme")));
        Matcher block = Pattern.compile("<!-- readme-plugin: begin[^>]*-->\\s*```xml\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has the plugin's declaration between <!-- readme-plugin: begin -->"
                + " and <!-- readme-plugin: end -->").isTrue();
        String fixture = Files.readString(Path.of("src/it/plugin-goals/pom.xml"))
                .replace("@project.version@", System.getProperty("it.project.version"));
        for (String line : block.group(1).strip().split("\n")) {
            if (!line.strip().startsWith("<!--")) {
                assertThat(fixture).as("the fixture's pom.xml declares the plugin as the README does")
                        .contains(line.strip());
            }
        }
        assertThat(block.group(1)).contains("<version>" + System.getProperty("it.project.version") + "</version>");
    }
}
