package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.baseline.fixtures.Drifting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A step with a tolerance keeps its compared output whole in its baseline, so that a later check is compared with it
 * number by number: a drift within the tolerance passes, a larger one fails naming the difference.
 */
class BaselineToleranceTest {

    @TempDir
    Path directory;

    @AfterEach
    void noDrift() {
        Drifting.drift = 0;
    }

    @Test
    void aDriftWithinTheToleranceMatchesTheBaselineAndALargerOneDoesNot() throws Exception {
        Drifting.drift = 0;
        run("update").testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        String recorded = Files.readString(directory.resolve("Drifting.yaml"));
        assertThat(recorded).contains("preview: |-\n      [\n        0.1,\n        2.0\n      ]");

        Drifting.drift = 4;
        EngineExecutionResults results = run("verify");

        assertThat(status(results, "tolerant")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(explanation(results, "tolerant")).contains("matches its baseline within its tolerance")
                .contains("the largest difference was 4 ulps at output[0] (0.1 against 0.10000000000000006)")
                .contains("compared after its normalizers: @Tolerance(ulps = 8)");
        assertThat(status(results, "strict")).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(explanation(results, "strict")).contains("gave a different output than its baseline")
                .contains("output[0] differs by 4 ulps (0.1 against 0.10000000000000006), beyond @Tolerance(ulps = 1)");
        assertThat(status(results, "exact")).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(Files.readString(directory.resolve("Drifting.yaml"))).as("a verification writes nothing")
                .isEqualTo(recorded);
    }

    private EngineExecutionResults run(String mode) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", mode,
                "reprounit.baseline.dir", directory.toString(), "reprounit.ci", "false"))
                .selectors(selectClass(Drifting.class)).execute();
    }

    private static TestExecutionResult.Status status(EngineExecutionResults results, String step) {
        return results.testEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith("[step:" + step + "]"))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus()).findFirst().orElseThrow();
    }

    private static String explanation(EngineExecutionResults results, String step) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith("[step:" + step + "]"))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reprounit.explanation"))
                .flatMap(value -> Optional.ofNullable(value).stream()).findFirst().orElseThrow();
    }
}
