package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The engine under test, with baselines off so that these tests compare runs with runs only and never write a baseline
 * into the source tree.
 */
final class ReproUnitKit {

    static final UniqueId ENGINE = UniqueId.forEngine(Constants.ENGINE_ID);

    private ReproUnitKit() {}

    static EngineTestKit.Builder engine() {
        return EngineTestKit.engine(Constants.ENGINE_ID).enableImplicitConfigurationParameters(true)
                .configurationParameter(Constants.BASELINE_MODE_PROPERTY_NAME, "none");
    }

    static EngineExecutionResults execute(DiscoverySelector... selectors) {
        return engine().selectors(selectors).execute();
    }

    static EngineExecutionResults execute(Map<String, String> parameters, DiscoverySelector... selectors) {
        return engine().configurationParameters(parameters).selectors(selectors).execute();
    }

    static EngineDiscoveryResults discover(DiscoverySelector... selectors) {
        return engine().selectors(selectors).discover();
    }

    static UniqueId pipelineId(Class<?> pipelineClass) {
        return ENGINE.append("pipeline", pipelineClass.getName());
    }

    static UniqueId stepId(Class<?> pipelineClass, String step) {
        return pipelineId(pipelineClass).append("step", step);
    }

    /** Every report entry published on the descriptor with this unique id, merged. */
    static Map<String, String> entries(Events events, UniqueId uniqueId) {
        Map<String, String> merged = new HashMap<>();
        events.reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().equals(uniqueId))
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> merged.putAll(entry.getKeyValuePairs()));
        assertThat(merged).as("report entries of " + uniqueId).isNotEmpty();
        return merged;
    }
}
