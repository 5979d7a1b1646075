package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import io.reprounit.engine.fixtures.chain.Chain;
import io.reprounit.engine.fixtures.diverging.FirstDiverges;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Selecting one step runs the steps it needs as well, and reports the selected one, and any step it needs that made
 * the check fail, registered as a dynamic test so that the run is red and names it.
 */
class ImpliedPredecessorsTest {

    @BeforeEach
    void forgetCalls() {
        Chain.CALLS.clear();
    }

    @Test
    void selectingTheLastStepOfAChainRunsTheWholeChainAndReportsOnlyThatStep() throws Exception {
        EngineExecutionResults results = ReproUnitKit.execute(
                selectMethod(Chain.class, Chain.class.getDeclaredMethod("third", String.class)));

        assertThat(results.testEvents().started().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(Chain.class, "third"));
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(Chain.CALLS).containsExactly("first", "second", "third", "first", "second", "third");
    }

    @Test
    void selectingAMiddleStepRunsOnlyWhatItNeeds() {
        EngineExecutionResults results = ReproUnitKit.execute(selectUniqueId(stepId(Chain.class, "second")));

        assertThat(results.testEvents().succeeded().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(Chain.class, "second"));
        assertThat(Chain.CALLS).containsExactly("first", "second", "first", "second");
    }

    @Test
    void theSelectedStepIsJudgedOnTheWholeChainsRunsAndItsCulpritIsRegisteredAndFails() throws Exception {
        EngineExecutionResults results = ReproUnitKit.execute(
                selectMethod(FirstDiverges.class, FirstDiverges.class.getDeclaredMethod("wrap", String.class)));

        assertThat(results.testEvents().aborted().stream()).singleElement().satisfies(event -> {
            assertThat(event.getTestDescriptor().getUniqueId()).isEqualTo(stepId(FirstDiverges.class, "wrap"));
            assertThat(message(event)).contains("step 'wrap'").contains("step 'stamp' diverged upstream");
        });
        assertCulpritRegisteredAndFailed(results);
    }

    /** As an IDE runs one step: by its unique id; the tainted step between culprit and selection is not registered. */
    @Test
    void aStepRunAloneByItsUniqueIdNamesItsCulpritInTheTreeAndTheRunIsRed() {
        EngineExecutionResults results = ReproUnitKit.execute(selectUniqueId(stepId(FirstDiverges.class, "wrap")));

        assertCulpritRegisteredAndFailed(results);
        assertThat(results.testEvents().started().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(FirstDiverges.class, "stamp"), stepId(FirstDiverges.class, "wrap"));
    }

    @Test
    void aStepWhoseUpstreamReproducedRegistersNothing() {
        EngineExecutionResults results = ReproUnitKit.execute(selectUniqueId(stepId(Chain.class, "third")));

        assertThat(results.allEvents().dynamicallyRegistered().count()).isZero();
    }

    /** {@code --select-method 'Class#wrap'}, without parameter types, as a person types it. */
    @Test
    void aMethodSelectorWithoutParameterTypesSelectsTheStepOfThatName() {
        EngineExecutionResults results = ReproUnitKit.execute(selectMethod(FirstDiverges.class.getName() + "#wrap"));

        assertThat(results.testEvents().aborted().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(FirstDiverges.class, "wrap"));
        assertCulpritRegisteredAndFailed(results);
    }

    private static void assertCulpritRegisteredAndFailed(EngineExecutionResults results) {
        assertThat(results.allEvents().dynamicallyRegistered().stream()
                .map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(FirstDiverges.class, "stamp"));
        assertThat(results.testEvents().failed().stream()).singleElement().satisfies(event -> {
            assertThat(event.getTestDescriptor().getUniqueId()).isEqualTo(stepId(FirstDiverges.class, "stamp"));
            assertThat(message(event)).contains("step 'stamp' is not reproducible");
        });
    }

    private static String message(org.junit.platform.testkit.engine.Event event) {
        return event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                .orElseThrow().getMessage();
    }

    @Test
    void selectingTwoStepsOfOnePipelineRunsTheirPredecessorsOncePerRun() throws Exception {
        EngineExecutionResults results = ReproUnitKit.execute(
                selectMethod(Chain.class, Chain.class.getDeclaredMethod("third", String.class)),
                selectUniqueId(stepId(Chain.class, "first")));

        assertThat(results.testEvents().succeeded().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactly(stepId(Chain.class, "first"), stepId(Chain.class, "third"));
        assertThat(Chain.CALLS).isEqualTo(List.of("first", "second", "third", "first", "second", "third"));
        assertThat(results.containerEvents().finished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getStatus()))
                .containsOnly(Status.SUCCESSFUL);
    }
}
