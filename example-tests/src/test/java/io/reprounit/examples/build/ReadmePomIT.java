package io.reprounit.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.testsupport.MavenBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds a new project whose {@code pom.xml} is exactly the one in the README's "Use it in your project" section (the
 * block between its {@code readme-pom} markers) and whose only test is a small pipeline, with a real {@code mvn test} on
 * the Maven running this build, as a newcomer would after installing ReproUnit: the README's pom is the one source,
 * and this test fails when it stops working.
 */
class ReadmePomIT {

    private static final Pattern POM_BLOCK = Pattern.compile(
            "<!-- readme-pom: begin[^>]*-->\\s*```xml\\n(.*?)```\\s*<!-- readme-pom: end -->", Pattern.DOTALL);

    private static String pom;
    private static MavenBuild.Result build;

    @BeforeAll
    static void buildAProjectFromTheReadmesPom() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("it.readme")), StandardCharsets.UTF_8);
        Matcher block = POM_BLOCK.matcher(readme);
        assertThat(block.find()).as("README.md has a pom.xml between <!-- readme-pom: begin --> and"
                + " <!-- readme-pom: end -->").isTrue();
        pom = block.group(1);
        MavenBuild maven = MavenBuild.ofFixture("readme-project", Duration.ofMinutes(5))
                .withoutEnvironmentVariables("CI"); // a developer's first run, which records the baseline
        Files.writeString(maven.project().resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        maven.inGitRepository(); // a user's project is a repository of its own, which holds its store
        build = maven.run("test");
    }

    @Test
    void theReadmesPomAsksForTheVersionThisBuildMade() {
        assertThat(pom).as("the README's pom.xml; update its reprounit-engine version")
                .contains("<artifactId>reprounit-engine</artifactId>\n      <version>"
                        + System.getProperty("it.project.version") + "</version>");
    }

    @Test
    void theProjectBuildsAndThePipelinesCheckRuns() {
        assertThat(build.exitCode()).as(log()).isZero();
        assertThat(build.output()).as(log())
                .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                .contains("BUILD SUCCESS");
        assertThat(build.surefireReport("com.example.churn.ChurnPipelineTest")).as(log()).exists();
        assertThat(build.project().resolve("src/test/resources/reprounit/baselines/ChurnPipelineTest.yaml"))
                .as("the baseline of the first check").exists();
        assertThat(build.project().resolve(".reprounit/metadata.db")).as("the project's own store").exists();
    }

    @Test
    void nothingWarnsAboutSlf4j() {
        assertThat(build.output()).as(log()).doesNotContain("SLF4J");
    }

    private static String log() {
        return "the build of a project made from the README's pom (" + build.project() + "/build.log) said:\n"
                + build.output();
    }
}
