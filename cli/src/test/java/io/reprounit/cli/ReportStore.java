package io.reprounit.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.cli.fixtures.report.Forecast;
import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A real store for the report's tests: checks of diverging pipelines recorded by the engine, as a build records them.
 * Forecast's sample diverges in every third check and its version changes every fourth; the engine's own fixture
 * MiddleDiverges diverges in every check.
 */
final class ReportStore {

    static final int FORECAST_CHECKS = 9;
    static final int MIDDLE_CHECKS = 3;

    private ReportStore() {}

    /** Records the checks into {@code jdbc:sqlite:<directory>/metadata.db}; returns that URL. */
    static String build(Path directory) {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Map<String, String> configuration = Map.of("reprounit.store.url", url, "reprounit.artifacts.dir",
                directory.resolve("artifacts").toString(), "reprounit.cache", "off", "reprounit.summary", "false",
                "reprounit.baseline.dir", directory.resolve("baselines").toString(),
                "reprounit.ci", "false"); // baselines recorded as on a developer's machine, on CI too
        for (int i = 0; i < FORECAST_CHECKS; i++) {
            System.setProperty(Forecast.CHECK, Integer.toString(i));
            Map<String, String> release = new java.util.HashMap<>(configuration);
            release.put("reprounit.param.Forecast.version.release", Integer.toString(i / 4));
            check(Forecast.class, release);
            if (i < MIDDLE_CHECKS) {
                check(MiddleDiverges.class, configuration);
            }
        }
        System.clearProperty(Forecast.CHECK);
        return url;
    }

    private static void check(Class<?> pipeline, Map<String, String> configuration) {
        EngineTestKit.engine("reprounit").configurationParameters(configuration).selectors(selectClass(pipeline))
                .execute().containerEvents().assertStatistics(stats -> stats.failed(0));
    }
}
