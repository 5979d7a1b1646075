package io.reprounit.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.testsupport.MavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs a real {@code mvn test} on the fixture {@code src/it/nondeterministic-pipeline}, whose pipeline shuffles with an
 * unseeded {@code Random} in its middle step, and checks what a user would see: the build fails, Surefire counts every
 * step as a test case, and the failure names the step.
 */
class NondeterministicPipelineIT {

    private static final String PIPELINE = "io.reprounit.it.ShuffledTrainingPipelineTest";

    private static MavenBuild.Result build;

    @BeforeAll
    static void buildTheFixture() throws Exception {
        build = MavenBuild.ofFixture("nondeterministic-pipeline", Duration.ofMinutes(5)).run("test");
    }

    @Test
    void theBuildFailsBecauseOfTheTestFailure() {
        assertThat(build.exitCode()).as(log()).isNotZero();
        assertThat(build.output()).as(log())
                .contains("BUILD FAILURE")
                .contains("There are test failures")
                .contains("Tests run: 5, Failures: 1, Errors: 0, Skipped: 2");
    }

    @Test
    void nothingWarnsAboutSlf4jThoughTheFixtureHasNoProvider() {
        assertThat(build.output()).as(log()).doesNotContain("SLF4J");
    }

    @Test
    void surefireCountsEveryStepAsATestCase() throws Exception {
        Element suite = report().getDocumentElement();

        assertThat(Map.of("tests", suite.getAttribute("tests"), "failures", suite.getAttribute("failures"),
                "errors", suite.getAttribute("errors"), "skipped", suite.getAttribute("skipped")))
                .as(log())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tests", "5", "failures", "1", "errors", "0", "skipped", "2"));
        assertThat(outcomes()).as(log()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "load", "passed",
                "count", "passed",
                "shuffle", "failure",
                "firstBatch", "skipped",
                "report", "skipped"));
    }

    @Test
    void theFailureNamesTheNondeterministicStep() throws Exception {
        Element failure = child(testCase("shuffle"), "failure");

        assertThat(failure.getAttribute("type")).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.getAttribute("message"))
                .contains("step 'shuffle' is not reproducible")
                .contains("inputs were identical");
        assertThat(build.output()).as(log()).contains("step 'shuffle' is not reproducible");
    }

    @Test
    void theStepsDownstreamAreSkippedNamingTheCulprit() throws Exception {
        for (String tainted : new String[] {"firstBatch", "report"}) {
            // Surefire writes an aborted test's reason as the text of <skipped>, after the exception's class name.
            assertThat(child(testCase(tainted), "skipped").getTextContent())
                    .as(tainted)
                    .contains("step '" + tainted + "' was fed a different")
                    .contains("because step 'shuffle' diverged upstream");
        }
    }

    /** The engine's own summary reaches mvn test's console, and so CI logs: every step, with its reason. */
    @Test
    void theConsoleNamesEveryStepWithItsVerdict() {
        assertThat(build.output()).as(log())
                .contains("ReproUnit ShuffledTrainingPipelineTest: 2 reproduced, 1 diverged, 2 tainted")
                .containsPattern("REPRODUCED load\\R")
                .containsPattern("DIVERGED +shuffle: step 'shuffle' is not reproducible")
                .containsPattern("TAINTED +firstBatch: step 'firstBatch' was fed a different")
                .containsPattern("TAINTED +report: ");
    }

    private static Document report() throws Exception {
        Path report = build.surefireReport(PIPELINE);
        assertThat(report).as(log()).exists();
        try (var in = Files.newInputStream(report)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    /** Test case name to passed, failure, error or skipped; every test case must belong to the pipeline's class. */
    private static Map<String, String> outcomes() throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        NodeList cases = report().getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            assertThat(testCase.getAttribute("classname")).isEqualTo(PIPELINE);
            String outcome = "passed";
            for (String kind : new String[] {"failure", "error", "skipped"}) {
                if (testCase.getElementsByTagName(kind).getLength() > 0) {
                    outcome = kind;
                }
            }
            outcomes.put(testCase.getAttribute("name"), outcome);
        }
        return outcomes;
    }

    private static Element testCase(String name) throws Exception {
        NodeList cases = report().getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getAttribute("name").equals(name)) {
                return testCase;
            }
        }
        throw new AssertionError("No test case " + name + " in the Surefire report\n" + log());
    }

    private static Element child(Element parent, String tag) {
        NodeList children = parent.getElementsByTagName(tag);
        assertThat(children.getLength()).as("<%s> in test case %s\n%s", tag, parent.getAttribute("name"), log())
                .isEqualTo(1);
        return (Element) children.item(0);
    }

    private static String log() {
        return "the fixture's build (" + build.project() + "/build.log) said:\n" + build.output();
    }
}
