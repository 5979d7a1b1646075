package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.pipelineId;
import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.Materializers;
import io.reprounit.engine.fixtures.diverging.FirstDiverges;
import io.reprounit.engine.fixtures.diverging.LastDiverges;
import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import io.reprounit.engine.fixtures.failing.Exploding;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The verdict on each step, as a test result: reproduced passes, the first diverged step fails with a diff, what it
 * taints downstream is aborted naming it, independent steps pass, and a step that throws fails with what it threw.
 */
class VerdictsTest {

    @Test
    void aDeterministicPipelinePassesWithEveryStepsDigestPublished() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(WordCount.class));
        Events events = results.allEvents();

        assertThat(finished(events, stepId(WordCount.class, "words")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertThat(results.testEvents().finished().stream()).hasSize(3)
                .allSatisfy(event -> assertThat(result(event).getStatus()).isEqualTo(Status.SUCCESSFUL));
        assertThat(finished(events, pipelineId(WordCount.class)).getStatus()).isEqualTo(Status.SUCCESSFUL);
        for (String step : List.of("words", "counts", "noise")) {
            Map<String, String> entries = ReproUnitKit.entries(events, stepId(WordCount.class, step));
            assertThat(entries.get("reprounit.output.digest")).as(step).matches("sha256:[0-9a-f]{64}");
            assertThat(entries).as(step).containsEntry("reprounit.verdict", "REPRODUCED")
                    .containsKey("reprounit.output.size");
        }
        Map<String, String> words = ReproUnitKit.entries(events, stepId(WordCount.class, "words"));
        String expected = Materializers.of(List.of()).materialize(List.of("a", "b", "a", "c")).digest();
        assertThat(words).containsEntry("reprounit.output.digest", expected);
    }

    @Test
    void whenTheFirstStepDivergesItFailsAndEverythingDownstreamIsTainted() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(FirstDiverges.class));
        Events events = results.allEvents();

        assertDiverged(events, stepId(FirstDiverges.class, "stamp"), "stamp-");
        assertTainted(events, stepId(FirstDiverges.class, "upper"), "stamp");
        assertTainted(events, stepId(FirstDiverges.class, "wrap"), "stamp");
        assertThat(finished(events, stepId(FirstDiverges.class, "independent")).getStatus())
                .isEqualTo(Status.SUCCESSFUL);
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
    }

    @Test
    void whenAMiddleStepDivergesTheStepsBeforeItAndBesideItPass() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(MiddleDiverges.class));
        Events events = results.allEvents();

        assertThat(finished(events, stepId(MiddleDiverges.class, "load")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertDiverged(events, stepId(MiddleDiverges.class, "shuffle"), "tick-");
        assertTainted(events, stepId(MiddleDiverges.class, "join"), "shuffle");
        // report takes load's output too, which did not change; the culprit is still shuffle, two steps up.
        assertTainted(events, stepId(MiddleDiverges.class, "report"), "shuffle");
        assertThat(finished(events, stepId(MiddleDiverges.class, "vocabulary")).getStatus())
                .isEqualTo(Status.SUCCESSFUL);
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        assertThat(results.testEvents().aborted().count()).isEqualTo(2);
    }

    @Test
    void whenTheLastStepDivergesOnlyItFails() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(LastDiverges.class));
        Events events = results.allEvents();

        assertThat(finished(events, stepId(LastDiverges.class, "load")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertThat(finished(events, stepId(LastDiverges.class, "count")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        AssertionFailedError failure = assertDiverged(events, stepId(LastDiverges.class, "publish"), "publishedAt");
        // A structured output is shown in its canonical encoding, keys sorted.
        assertThat(failure.getExpected().getStringRepresentation()).contains("\"counts\": {")
                .contains("\"be\": 2");
        // Consoles that show only the message, such as Maven's, still see where the outputs part.
        assertThat(failure.getMessage()).containsPattern("first difference at output\\.publishedAt \\(line \\d+\\): \\d+ → \\d+");
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        assertThat(results.testEvents().aborted().count()).isZero();
    }

    @Test
    void aStepTwoStepsBelowAFailureNamesTheStepThatFailed() {
        Events events = ReproUnitKit.execute(selectClass(Exploding.class)).allEvents();

        assertThat(skipReason(events, stepId(Exploding.class, "last"))).contains("step 'explode'");
    }

    @Test
    void aStepThatThrowsFailsWithWhatItThrewAndTheStepsThatNeedItAreSkipped() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Exploding.class));
        Events events = results.allEvents();

        assertThat(finished(events, stepId(Exploding.class, "load")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        TestExecutionResult explode = finished(events, stepId(Exploding.class, "explode"));
        assertThat(explode.getStatus()).isEqualTo(Status.FAILED);
        assertThat(explode.getThrowable()).get().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).isEqualTo("boom: cannot parse rows");
        assertThat(skipReason(events, stepId(Exploding.class, "after"))).contains("'after' did not run")
                .contains("step 'explode', which failed");
        assertThat(skipReason(events, stepId(Exploding.class, "last"))).contains("'last' did not run");
        assertThat(finished(events, stepId(Exploding.class, "sibling")).getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertThat(results.testEvents().started().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .doesNotContain(stepId(Exploding.class, "after"), stepId(Exploding.class, "last"));
    }

    private static AssertionFailedError assertDiverged(Events events, UniqueId step, String differingText) {
        String name = step.getLastSegment().getValue();
        TestExecutionResult result = finished(events, step);
        assertThat(result.getStatus()).as(name).isEqualTo(Status.FAILED);
        assertThat(result.getThrowable()).get().isExactlyInstanceOf(AssertionFailedError.class);
        AssertionFailedError failure = (AssertionFailedError) result.getThrowable().orElseThrow();
        assertThat(failure.getMessage()).contains("step '" + name + "'").contains("inputs were identical");
        assertThat(failure.isExpectedDefined()).isTrue();
        assertThat(failure.isActualDefined()).isTrue();
        String expected = failure.getExpected().getStringRepresentation();
        String actual = failure.getActual().getStringRepresentation();
        assertThat(expected).contains(differingText).contains("sha256:");
        assertThat(actual).contains(differingText).contains("sha256:");
        assertThat(expected).isNotEqualTo(actual);
        assertThat(ReproUnitKit.entries(events, step)).containsEntry("reprounit.verdict", "DIVERGED")
                .containsKeys("reprounit.run.1.output.digest", "reprounit.run.2.output.digest");
        return failure;
    }

    private static void assertTainted(Events events, UniqueId step, String culprit) {
        String name = step.getLastSegment().getValue();
        TestExecutionResult result = finished(events, step);
        assertThat(result.getStatus()).as(name).isEqualTo(Status.ABORTED);
        assertThat(result.getThrowable()).get().isInstanceOf(TestAbortedException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("step '" + name + "'").contains("step '" + culprit + "' diverged upstream");
        assertThat(ReproUnitKit.entries(events, step)).containsEntry("reprounit.verdict", "TAINTED");
    }

    static TestExecutionResult finished(Events events, UniqueId id) {
        return events.finished().stream().filter(event -> event.getTestDescriptor().getUniqueId().equals(id))
                .map(VerdictsTest::result).reduce((a, b) -> {
                    throw new AssertionError("finished twice: " + id);
                }).orElseThrow(() -> new AssertionError("not finished: " + id));
    }

    static String skipReason(Events events, UniqueId id) {
        return events.skipped().stream().filter(event -> event.getTestDescriptor().getUniqueId().equals(id))
                .map(event -> event.getRequiredPayload(String.class)).findFirst()
                .orElseThrow(() -> new AssertionError("not skipped: " + id));
    }

    private static TestExecutionResult result(Event event) {
        assertThat(event.getType()).isEqualTo(EventType.FINISHED);
        return event.getRequiredPayload(TestExecutionResult.class);
    }
}
