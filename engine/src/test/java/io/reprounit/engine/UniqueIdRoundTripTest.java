package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import io.reprounit.engine.fixtures.chain.Chain;
import io.reprounit.engine.fixtures.config.Named;
import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import io.reprounit.engine.fixtures.failing.Exploding;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every unique id the engine hands out can be given back: selecting it finds the same descriptor, with the same
 * source, and executing it gives the same result as executing the whole pipeline.
 */
class UniqueIdRoundTripTest {

    private static final DiscoverySelector[] PIPELINES = {selectClass(WordCount.class), selectClass(Chain.class),
            selectClass(Named.class), selectClass(MiddleDiverges.class), selectClass(Exploding.class)};

    @Test
    void everyDiscoveredIdSelectsTheSameDescriptor() {
        TestDescriptor engine = ReproUnitKit.discover(PIPELINES).getEngineDescriptor();
        Set<? extends TestDescriptor> all = engine.getDescendants();
        assertThat(all).hasSize(5 + 3 + 3 + 1 + 5 + 5);

        for (TestDescriptor original : all) {
            TestDescriptor found = ReproUnitKit.discover(selectUniqueId(original.getUniqueId())).getEngineDescriptor()
                    .findByUniqueId(original.getUniqueId())
                    .orElseThrow(() -> new AssertionError("selecting " + original.getUniqueId() + " finds nothing"));
            assertThat(found.getType()).isEqualTo(original.getType());
            assertThat(found.getSource()).isEqualTo(original.getSource());
            assertThat(found.getDisplayName()).isEqualTo(original.getDisplayName());
            assertThat(found.getLegacyReportingName()).isEqualTo(original.getLegacyReportingName());
            Set<UniqueId> children = ids(found.getChildren());
            if (original.isContainer()) {
                assertThat(children).as("steps of " + original.getUniqueId()).isEqualTo(ids(original.getChildren()));
            }
        }
    }

    @Test
    void everyStepSelectedByItsIdGetsTheResultItGetsInTheWholePipeline() {
        Map<UniqueId, TestExecutionResult.Status> whole = results(ReproUnitKit.execute(PIPELINES));
        assertThat(whole.values()).contains(TestExecutionResult.Status.SUCCESSFUL, TestExecutionResult.Status.FAILED,
                TestExecutionResult.Status.ABORTED);

        for (Map.Entry<UniqueId, TestExecutionResult.Status> step : whole.entrySet()) {
            Map<UniqueId, TestExecutionResult.Status> alone = results(ReproUnitKit.execute(selectUniqueId(step.getKey())));
            // Besides the step, only a culprit upstream is reported (registered at execution), as in the whole run.
            assertThat(alone).as("executing " + step.getKey() + " alone").containsEntry(step.getKey(), step.getValue());
            assertThat(whole).as("executing " + step.getKey() + " alone").containsAllEntriesOf(alone);
        }
    }

    private static Map<UniqueId, TestExecutionResult.Status> results(EngineExecutionResults results) {
        Map<UniqueId, TestExecutionResult.Status> statuses = new HashMap<>();
        results.testEvents().finished().stream().forEach(event -> statuses.put(event.getTestDescriptor().getUniqueId(),
                event.getRequiredPayload(TestExecutionResult.class).getStatus()));
        return statuses;
    }

    private static Set<UniqueId> ids(Set<? extends TestDescriptor> descriptors) {
        return descriptors.stream().map(TestDescriptor::getUniqueId).collect(Collectors.toSet());
    }
}
