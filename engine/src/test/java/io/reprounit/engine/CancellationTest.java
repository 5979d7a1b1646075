package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.uniqueId;

import io.reprounit.engine.fixtures.cancel.Cancelling;
import io.reprounit.engine.fixtures.runs.Counted;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A cancelled execution checks no pipeline it has not started: each is reported skipped, and none of its code runs. */
class CancellationTest {

    @Test
    void pipelinesNotYetStartedWhenTheExecutionIsCancelledAreSkipped() {
        CancellationToken token = CancellationToken.create();
        Cancelling.token = token;
        int calls = Counted.CALLS.get();

        EngineExecutionResults results = ReproUnitKit.engine().cancellationToken(token)
                .selectors(selectClass(Cancelling.class), selectClass(Counted.class)).execute();

        assertThat(token.isCancellationRequested()).isTrue();
        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueId(ReproUnitKit.pipelineId(Counted.class)),
                skippedWithReason(reason -> reason.contains("cancelled"))));
        assertThat(Counted.CALLS.get()).as("calls of Counted's step").isEqualTo(calls);
        assertThat(results.containerEvents().started().filter(event -> event.getTestDescriptor().getUniqueId()
                .equals(ReproUnitKit.pipelineId(Cancelling.class))).count()).isEqualTo(1);
    }
}
