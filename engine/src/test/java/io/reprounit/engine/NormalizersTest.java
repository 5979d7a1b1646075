package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.broken.BadTolerance;
import io.reprounit.engine.fixtures.broken.NormalizedText;
import io.reprounit.engine.fixtures.normalized.Normalized;
import io.reprounit.engine.fixtures.normalized.NormalizedButDiverging;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * Normalizers through the engine: each one lets a step reproduce although its output changed in what it leaves out,
 * and still fails the step when something else changed, naming itself in the failure.
 */
class NormalizersTest {

    @Test
    void eachNormalizerLetsItsStepReproduceWhereOnlyWhatItLeavesOutChanged() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Normalized.class));
        Events events = results.allEvents();

        for (String step : List.of("report", "stamped", "parallel", "sum", "mean", "loss", "summary")) {
            assertThat(result(events, stepId(Normalized.class, step)).getStatus()).as(step).isEqualTo(Status.SUCCESSFUL);
        }
        Map<String, String> report = ReproUnitKit.entries(events, stepId(Normalized.class, "report"));
        assertThat(report).containsEntry("reprounit.normalizers", "@IgnoreFields(\"trainedAt\")")
                .containsKeys("reprounit.output.digest", "reprounit.run.1.output.bytesDigest",
                        "reprounit.run.2.output.bytesDigest");
        assertThat(report.get("reprounit.run.1.output.bytesDigest"))
                .as("the exact bytes differ, visibly").isNotEqualTo(report.get("reprounit.run.2.output.bytesDigest"));
        assertThat(report.get("reprounit.explanation")).contains("its exact bytes differed")
                .contains("compared after its normalizers: @IgnoreFields(\"trainedAt\")");
        assertThat(report).containsEntry("reprounit.config.normalizers", "@IgnoreFields(\"trainedAt\")");
        assertThat(ReproUnitKit.entries(events, stepId(Normalized.class, "mean")).get("reprounit.explanation"))
                .contains("within its tolerance").contains("the largest difference was 1 ulps at output[1]");
    }

    @Test
    void eachNormalizerStillFailsItsStepWhereMoreChangedNamingItself() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(NormalizedButDiverging.class));
        Events events = results.allEvents();

        assertDiverged(events, "report", "\"accuracy\"", "@IgnoreFields(\"trainedAt\")");
        assertDiverged(events, "stamped", "\"loadedAtMillis\"", "@IgnoreTypes(java.time.Instant)");
        assertDiverged(events, "parallel", "item-", "@Unordered(\"items\")");
        assertDiverged(events, "sum", "1.00", "@SignificantDigits(6)");
        assertDiverged(events, "mean", "output[1] differs by 100 ulps", "beyond @Tolerance(ulps = 2)");
        assertThat(result(events, stepId(NormalizedButDiverging.class, "close")).getStatus())
                .isEqualTo(Status.SUCCESSFUL);
        assertDiverged(events, "amplified", "its inputs differed only within the tolerance of the steps that gave them"
                + " (@Input(\"close\"))", "step 'amplified'");
        assertThat(result(events, stepId(NormalizedButDiverging.class, "misspelt")).getThrowable().orElseThrow())
                .hasMessageContaining("@IgnoreFields(\"trainedAtt\") matches nothing in the output")
                .hasMessageContaining("the output's members are accuracy, model, trainedAt");
    }

    @Test
    void aToleranceWithBothBoundsIsADiscoveryErrorAtItsStep() {
        DiscoveryIssue issue = onlyIssue(BadTolerance.class);

        assertThat(issue.message()).contains("step 'mean': @Tolerance needs exactly one of ulps and relative");
    }

    @Test
    void normalizersOnTextAreADiscoveryError() {
        DiscoveryIssue issue = onlyIssue(NormalizedText.class);

        assertThat(issue.message()).contains("step 'report' returns String, which is compared byte for byte, so"
                + " normalizers cannot apply to it");
    }

    private static void assertDiverged(Events events, String step, String shown, String normalizer) {
        TestExecutionResult result = result(events, stepId(NormalizedButDiverging.class, step));
        assertThat(result.getStatus()).as(step).isEqualTo(Status.FAILED);
        Throwable failure = result.getThrowable().orElseThrow();
        assertThat(failure).as(step).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("step '" + step + "' is not reproducible").hasMessageContaining(normalizer);
        assertThat(failure.getMessage() + ((AssertionFailedError) failure).getActual().getStringRepresentation())
                .as(step).contains(shown);
    }

    private static TestExecutionResult result(Events events, UniqueId id) {
        Event finished = events.finished().stream().filter(event -> event.getTestDescriptor().getUniqueId().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no finished event for " + id));
        return finished.getRequiredPayload(TestExecutionResult.class);
    }

    private static DiscoveryIssue onlyIssue(Class<?> pipelineClass) {
        List<DiscoveryIssue> issues = ReproUnitKit.discover(selectClass(pipelineClass)).getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.INFO));
        return issues.get(0);
    }
}
