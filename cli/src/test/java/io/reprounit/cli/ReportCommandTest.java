package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report over a real store of diverging pipelines: every number it shows is the one that {@code history --json}
 * and {@code runs --json} give for the same store; and it never replaces a file that is not a report of ours.
 */
class ReportCommandTest {

    private static final Pattern ISLAND = Pattern.compile(
            "<script type=\"application/json\" id=\"reprounit-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    static Path directory;

    private static String url = "";

    @BeforeAll
    static void recordChecks() {
        url = ReportStore.build(directory);
    }

    /** The JSON island that the page renders. */
    static JsonNode data(Path page) throws Exception {
        Matcher island = ISLAND.matcher(Files.readString(page));
        assertThat(island.find()).as("the page embeds its data").isTrue();
        return JsonMapper.builder().build().readTree(island.group(1));
    }

    @Test
    void everyRateCountAndFirstEventIsWhatHistoryGives() throws Exception {
        Path page = directory.resolve("report.html");
        Cli.Output report = Cli.run("report", "--store", url, "--output", page.toString(), "--last", "6");
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).contains("Wrote the report of 2 pipelines").contains(page.toString());

        JsonNode data = data(page);
        assertThat(data.get("last").asInt()).isEqualTo(6);
        List<String> names = new ArrayList<>();
        data.get("pipelines").forEach(pipeline -> names.add(pipeline.get("name").asString()));
        assertThat(names).containsExactly("Forecast", "MiddleDiverges");
        int compared = 0;
        for (JsonNode pipeline : data.get("pipelines")) {
            compared += compareWithHistory(pipeline, 6);
        }
        assertThat(compared).as("cells compared").isEqualTo(6 * 5 + ReportStore.MIDDLE_CHECKS * 5);

        JsonNode forecast = data.get("pipelines").get(0);
        assertThat(forecast.get("checksRecorded").asInt()).isEqualTo(ReportStore.FORECAST_CHECKS);
        JsonNode sample = step(forecast, "sample");
        assertThat(sample.get("diverged").asInt()).as("checks 6 and 9 of Forecast diverged").isEqualTo(2);
        assertThat(sample.get("divergenceRate").asDouble()).isEqualTo(2.0 / 6);
        assertThat(sample.get("firstDiverged").get("check").asLong())
                .as("the third check is where it first diverged, before the window").isLessThan(
                        forecast.get("checks").get(0).get("id").asLong());
        assertThat(step(forecast, "fit").get("counts").get("TAINTED").asInt()).isEqualTo(2);
        // Its parameter changed in the fifth check: CHANGED, explained, from then on against the checks before.
        assertThat(step(forecast, "version").get("firstChanged").get("event").asString()).isEqualTo("changed");
        assertThat(forecast.get("checks").get(0).get("jdk").asString()).isEqualTo(System.getProperty("java.version"));
        assertThat(step(data.get("pipelines").get(1), "shuffle").get("divergenceRate").asDouble()).isEqualTo(1.0);

        // The latest Forecast check (the ninth) diverged: sample at the top, fit as tainted, with the engine's words.
        JsonNode latest = forecast.get("latest");
        assertThat(latest.get("failing").findValuesAsString("step")).containsExactly("sample", "version");
        assertThat(latest.get("failing").get(0).get("explanation").asString()).isNotBlank();
        assertThat(latest.get("tainted").get(0).get("step").asString()).isEqualTo("fit");
        // What differs within that check: sample by itself, fit through its input; the engine's explanation.
        JsonNode diffs = forecast.get("diffs").get(latest.get("check").asString());
        List<JsonNode> within = steps(forecast, diffs.get("runs").get(0));
        assertThat(within).extracting(step -> step.get("step").asString()).containsExactly("sample", "fit");
        assertThat(within.get(0).get("explanation").asString()).startsWith("diverged:");
        // Any two of the latest checks: against the first, its parameter release changed, and so version's output.
        String firstCheck = forecast.get("checks").get(0).get("id").asString();
        JsonNode pair = diffs.get("with").get(firstCheck);
        assertThat(pair.get("before").asString()).isEqualTo(firstCheck + ".1");
        assertThat(steps(forecast, pair)).extracting(step -> step.get("step").asString()).contains("version");
        assertThat(forecast.get("differences").get(pair.get("parts").get(0).asInt()).get("change").asString())
                .contains("reprounit.param.Forecast.version.release=0").contains("release=2");
    }

    /**
     * Compares a pipeline's checks, cells, counts, rates and first events with what {@code runs --json} and
     * {@code history --json} say; returns how many cells it compared.
     */
    private static int compareWithHistory(JsonNode pipeline, int last) {
        String name = pipeline.get("name").asString();
        JsonNode runs = Cli.run("runs", name, "--store", url, "--json", "--limit", Integer.toString(last)).json();
        List<Long> ids = new ArrayList<>();
        runs.forEach(check -> ids.add(0, Long.parseLong(check.get("id").asString())));
        List<Long> shown = new ArrayList<>();
        pipeline.get("checks").forEach(check -> shown.add(check.get("id").asLong()));
        assertThat(shown).as(name + ": the latest checks, oldest first").isEqualTo(ids);
        for (int i = 0; i < ids.size(); i++) {
            JsonNode check = runs.get(ids.size() - 1 - i);
            assertThat(pipeline.get("checks").get(i).get("commit").asString(null))
                    .isEqualTo(check.get("commit").asString(null));
            assertThat(pipeline.get("checks").get(i).get("status").asString())
                    .isEqualTo(check.get("verdict").asString());
        }

        Cli.Output history = Cli.run("history", name, "--store", url, "--json", "--limit", "100000");
        assertThat(history.status()).as(history.err()).isZero();
        Map<String, List<JsonNode>> events = new LinkedHashMap<>();
        history.json().forEach(event -> events.computeIfAbsent(event.get("step").asString(), s -> new ArrayList<>())
                .add(event));
        assertThat(pipeline.get("steps").findValuesAsString("name")).containsExactlyElementsOf(events.keySet());
        int cells = 0;
        for (JsonNode step : pipeline.get("steps")) {
            List<JsonNode> stepEvents = events.get(step.get("name").asString());
            // A step's verdict in a check is that of its latest event up to that check: events are where it changed.
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String verdict = null;
                for (JsonNode event : stepEvents) {
                    if (event.get("check").asLong() <= ids.get(i)) {
                        verdict = event.get("verdict").asString();
                    }
                }
                assertThat(step.get("cells").get(i).get("verdict").asString()).as(name + " " + step.get("name")
                        + " in check " + ids.get(i)).isEqualTo(verdict);
                counts.merge(verdict, 1, Integer::sum);
                cells++;
            }
            Map<String, Integer> reported = new HashMap<>();
            step.get("counts").properties().forEach(entry -> reported.put(entry.getKey(), entry.getValue().asInt()));
            assertThat(reported).isEqualTo(counts);
            assertThat(step.get("verdicts").asInt()).isEqualTo(ids.size());
            assertThat(step.get("divergenceRate").asDouble())
                    .isEqualTo((double) counts.getOrDefault("DIVERGED", 0) / ids.size());
            assertFirst(step.get("firstDiverged"), stepEvents, "diverged");
            assertFirst(step.get("firstChanged"), stepEvents, "output changed", "changed");
            assertFirst(step.get("bytesVarySince"), stepEvents, "bytes vary");
        }
        return cells;
    }

    private static void assertFirst(JsonNode reported, List<JsonNode> events, String... kinds) {
        JsonNode first = events.stream().filter(event -> List.of(kinds).contains(kind(event))).findFirst().orElse(null);
        if (first == null) {
            assertThat(reported.isNull()).as("no " + kinds[0] + " event, none reported").isTrue();
            return;
        }
        assertThat(reported.get("check").asLong()).isEqualTo(first.get("check").asLong());
        assertThat(reported.get("commit").asString(null)).isEqualTo(first.get("commit").asString(null));
        assertThat(reported.get("event").asString()).isEqualTo(kind(first));
    }

    /** A history event as a change of verdict: a step that diverged (or changed) at its first check did so there. */
    private static String kind(JsonNode event) {
        String verdict = event.get("verdict").asString();
        return event.get("event").asString().equals("first recorded")
                && (verdict.equals("DIVERGED") || verdict.equals("CHANGED"))
                ? verdict.toLowerCase(java.util.Locale.ROOT) : event.get("event").asString();
    }

    /** A difference's steps, which it names by their index in the pipeline's differences. */
    private static List<JsonNode> steps(JsonNode pipeline, JsonNode difference) {
        List<JsonNode> steps = new ArrayList<>();
        difference.get("steps").forEach(index -> steps.add(pipeline.get("differences").get(index.asInt())));
        return steps;
    }

    private static JsonNode step(JsonNode pipeline, String name) {
        for (JsonNode step : pipeline.get("steps")) {
            if (step.get("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + pipeline.get("name"));
    }

    @Test
    void aFileThatIsNotAReportIsReplacedOnlyWithForce() throws Exception {
        Path notes = directory.resolve("notes.html");
        Files.writeString(notes, "<html>my notes</html>");

        Cli.Output refused = Cli.run("report", "--store", url, "--output", notes.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("Not overwriting " + notes).contains("not a ReproUnit report")
                .contains("--force");
        assertThat(Files.readString(notes)).isEqualTo("<html>my notes</html>");

        Cli.Output forced = Cli.run("report", "--store", url, "--output", notes.toString(), "--force", "--json");
        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(forced.json().get("report").asString()).isEqualTo(notes.toString());
        assertThat(Files.readString(notes)).contains("ReproUnit report");
        Cli.Output again = Cli.run("report", "--store", url, "--output", notes.toString());
        assertThat(again.status()).as("a report of ours is replaced: " + again.err()).isZero();
    }
}
