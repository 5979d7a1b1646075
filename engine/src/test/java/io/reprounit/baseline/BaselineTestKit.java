package io.reprounit.baseline;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.baseline.fixtures.Scoring;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs the {@link Scoring} pipeline with baselines in a directory of the test's own. */
final class BaselineTestKit {

    private final Path baselines;
    private final Path data;
    private final Map<String, String> parameters = new HashMap<>();

    BaselineTestKit(Path baselines, Path data) {
        this.baselines = baselines;
        this.data = data;
    }

    BaselineTestKit with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    EngineExecutionResults run(String mode) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("reprounit.baseline.mode", mode);
        all.put("reprounit.baseline.dir", baselines.toString());
        all.put("reprounit.param.Scoring.load.data", data.toString());
        all.putIfAbsent("reprounit.ci", "false");
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(all).selectors(selectClass(Scoring.class))
                .execute();
    }

    Path expected() {
        return baselines.resolve("Scoring.yaml");
    }

    Path received() {
        return baselines.resolve("Scoring.received.yaml");
    }
}
