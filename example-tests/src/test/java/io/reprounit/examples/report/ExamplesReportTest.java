package io.reprounit.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.report.ReproducibilityReport;
import io.reprounit.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report over a real store of the example pipelines: three checks of Iris, the sensor cleaning and the shuffled
 * training, the third with Iris trained for more epochs. The report must show the shuffle diverging in every check,
 * the steps after it tainted, Iris's training changing at the third check, and the rest reproduced. The page is kept
 * as {@code target/examples-report/report.html}, where a person (or a browser, for the README's screenshot) opens it.
 */
class ExamplesReportTest {

    private static final Path OUT = Path.of("target/examples-report");
    private static final int CHECKS = 3;

    @Test
    void theReportOverTheExamplesShowsTheirDivergenceTaintAndChange() throws Exception {
        if (Files.exists(OUT)) { // a store of an earlier run, with its -wal and -shm: start from nothing
            try (var walk = Files.walk(OUT)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(OUT);
        Path database = OUT.resolve("metadata.db");
        String url = "jdbc:sqlite:" + database.toAbsolutePath();
        for (int check = 0; check < CHECKS; check++) {
            Map<String, String> configuration = new HashMap<>(Map.of("reprounit.store.url", url,
                    "reprounit.artifacts.dir", OUT.resolve("artifacts").toAbsolutePath().toString(),
                    "reprounit.baseline.mode", "none", "reprounit.cache", "off", "reprounit.summary", "off"));
            if (check == CHECKS - 1) {
                configuration.put("reprounit.param.IrisPipelineTest.train.epochs", "60");
            }
            EngineTestKit.engine("reprounit").configurationParameters(configuration)
                    .selectors(selectClass("io.reprounit.examples.iris.IrisPipelineTest"),
                            selectClass("io.reprounit.examples.cleaning.SensorCleaningPipelineTest"),
                            selectClass(ShuffledTraining.class))
                    .execute().containerEvents().assertStatistics(stats -> stats.failed(0));
        }
        Path page = OUT.resolve("report.html");
        try (MetadataStore store = MetadataStore.openReadOnly(url, "reprounit.store.url")) {
            ReproducibilityReport.write(store, ReproducibilityReport.DEFAULT_LAST, page, true);
        }

        JsonNode data = island(Files.readString(page));
        JsonNode shuffled = pipeline(data, "ShuffledTraining");
        assertThat(shuffled.get("checksRecorded").asInt()).isEqualTo(CHECKS);
        assertThat(step(shuffled, "load").get("diverged").asInt()).isZero();
        assertThat(step(shuffled, "shuffle").get("divergenceRate").asDouble()).isEqualTo(1.0);
        assertThat(step(shuffled, "shuffle").get("firstDiverged").get("check").asLong())
                .as("diverged from its first check on").isEqualTo(shuffled.get("checks").get(0).get("id").asLong());
        assertThat(step(shuffled, "firstBatch").get("cells")).allSatisfy(cell ->
                assertThat(cell.get("verdict").asString()).isEqualTo("TAINTED"));

        JsonNode iris = pipeline(data, "IrisPipelineTest");
        assertThat(iris.get("steps")).allSatisfy(step -> assertThat(step.get("diverged").asInt()).isZero());
        JsonNode train = step(iris, "train");
        assertThat(train.get("firstChanged").get("check").asLong())
                .as("the training changed with its epochs at the third check")
                .isEqualTo(iris.get("checks").get(CHECKS - 1).get("id").asLong());
        assertThat(step(iris, "load").get("firstChanged").isNull()).as("loading never changed").isTrue();
        assertThat(step(pipeline(data, "SensorCleaningPipelineTest"), "clean").get("counts").get("REPRODUCED")
                .asInt()).isEqualTo(CHECKS);
    }

    private static JsonNode island(String html) {
        String start = "<script type=\"application/json\" id=\"reprounit-data\">";
        int from = html.indexOf(start) + start.length();
        return JsonMapper.builder().build().readTree(html.substring(from, html.indexOf("</script>", from))
                .replace("<\\/", "</"));
    }

    private static JsonNode pipeline(JsonNode data, String name) {
        return StreamSupport.stream(data.get("pipelines").spliterator(), false)
                .filter(p -> p.get("name").asString().equals(name)).findFirst().orElseThrow(() ->
                        new AssertionError("no pipeline " + name + " in the report"));
    }

    private static JsonNode step(JsonNode pipeline, String name) {
        return StreamSupport.stream(pipeline.get("steps").spliterator(), false)
                .filter(s -> s.get("name").asString().equals(name)).findFirst().orElseThrow(() ->
                        new AssertionError("no step " + name + " in " + pipeline.get("name")));
    }
}
