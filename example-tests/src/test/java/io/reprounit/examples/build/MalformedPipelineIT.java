package io.reprounit.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.testsupport.MavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Runs a real {@code mvn test} on the fixture {@code src/it/malformed-pipeline}: one pipeline whose step takes an input
 * no step gives, one good pipeline and a Jupiter test. The malformed pipeline fails on its own, naming the problem;
 * the platform's critical discovery issue used to stop every test of the module ({@code Tests run: 0}).
 */
class MalformedPipelineIT {

    private static MavenBuild.Result build;

    @BeforeAll
    static void buildTheFixture() throws Exception {
        build = MavenBuild.ofFixture("malformed-pipeline", Duration.ofMinutes(5)).run("test");
    }

    @Test
    void theBuildFailsNamingTheProblem() {
        assertThat(build.exitCode()).as(log()).isNotZero();
        assertThat(build.output()).as(log())
                .contains("BUILD FAILURE")
                .contains("Tests run: 4, Failures: 0, Errors: 1, Skipped: 0") // its class is the one error
                .contains("Pipeline io.reprounit.it.BrokenPipelineTest cannot run")
                .contains("there is no step named 'lod'")
                .doesNotContain("There was an error in the forked process");
    }

    @Test
    void everyOtherPipelineAndTheJupiterTestRunAndPass() throws Exception {
        assertThat(counts("io.reprounit.it.GoodPipelineTest")).as(log()).isEqualTo("tests=2 failures=0 errors=0");
        assertThat(counts("io.reprounit.it.PlainJupiterTest")).as(log()).isEqualTo("tests=1 failures=0 errors=0");
        assertThat(build.output()).as(log()).contains("ReproUnit GoodPipelineTest: 2 reproduced");
    }

    private static String counts(String testClass) throws Exception {
        Path report = build.surefireReport(testClass);
        assertThat(report).as(log()).exists();
        try (var in = Files.newInputStream(report)) {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            return "tests=" + suite.getAttribute("tests") + " failures=" + suite.getAttribute("failures") + " errors="
                    + suite.getAttribute("errors");
        }
    }

    private static String log() {
        return "the fixture's build (" + build.project() + "/build.log) said:\n" + build.output();
    }
}
