package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The report in a real browser: headless Chromium opens the page from disk, and what its script drew is read from the
 * document: the matrix's cells, a step's rate, the differences shown after a click on a check. A screenshot is kept in
 * {@code target/report-it/report.png} for people to look at. Without Chromium this fails, saying how to install it.
 */
class ReportBrowserIT {

    private static final Path OUT = Path.of("target/report-it").toAbsolutePath();
    private static final Map<String, String> SYMBOLS = Map.of("REPRODUCED", "\u2713", "DIVERGED", "\u2717",
            "FAILED", "!", "CHANGED", "\u0394", "TAINTED", "~", "NOT_RUN", "\u2013");
    private static final Pattern CELL = Pattern.compile("<td class=\"cell v-(\\w+)\" data-check=\"(\\d+)\""
            + " data-step=\"([^\"]+)\"(?: data-verdict=\"(\\w+)\")? title=\"[^\"]*\">([^<]*)</td>");

    @TempDir
    static Path directory;

    private static Chromium chromium;
    private static Path page;
    private static JsonNode data;

    @BeforeAll
    static void generate() throws Exception {
        chromium = Chromium.find(OUT.resolve("profiles")); // first: without a browser, fail before recording anything
        String url = ReportStore.build(directory);
        Files.createDirectories(OUT);
        page = OUT.resolve("reprounit-report.html");
        Cli.Output report = Cli.run("report", "--store", url, "--output", page.toString(), "--force");
        assertThat(report.status()).as(report.err()).isZero();
        data = ReportCommandTest.data(page);
    }

    @Test
    void chromiumDrawsEveryCellAndRateAndShowsTheDifferencesOfAClickedCheck() throws Exception {
        JsonNode forecast = data.get("pipelines").get(0);
        assertThat(forecast.get("name").asString()).isEqualTo("Forecast");
        long latest = forecast.get("latest").get("check").asLong();
        // The page clicks the check's number itself where the address asks (#diff=<pipeline>/<check>): --dump-dom
        // cannot click, and this is the button's own click event, through the listener a reader's click runs.
        String address = page.toUri() + "#diff=0/" + latest;

        String dom = chromium.dumpDom(address);
        Files.writeString(OUT.resolve("report-dom.html"), dom);

        assertThat(dom).as("the script ran to its end").contains("data-rendered=\"true\"");
        Map<String, String[]> cells = new HashMap<>();
        Matcher cell = CELL.matcher(dom);
        while (cell.find()) {
            cells.put(cell.group(2) + "/" + cell.group(3), new String[] {cell.group(1), cell.group(5)});
        }
        int expected = 0;
        for (JsonNode pipeline : data.get("pipelines")) {
            for (JsonNode step : pipeline.get("steps")) {
                for (int i = 0; i < step.get("cells").size(); i++) {
                    String verdict = step.get("cells").get(i).get("verdict").asString();
                    String key = pipeline.get("checks").get(i).get("id").asLong() + "/" + step.get("name").asString();
                    assertThat(cells.get(key)).as("cell " + key).containsExactly(verdict, SYMBOLS.get(verdict));
                    expected++;
                }
            }
        }
        assertThat(cells).as("one cell per check and step, no more").hasSize(expected);
        assertThat(cells.values().stream().filter(c -> c[0].equals("DIVERGED")).count()).as("real divergences")
                .isGreaterThanOrEqualTo(3 + ReportStore.MIDDLE_CHECKS);

        Matcher rate = Pattern.compile("<td class=\"rate\" data-step=\"sample\" data-rate=\"([0-9.]+)\"[^>]*>([^<]+)</td>")
                .matcher(dom);
        assertThat(rate.find()).as("sample's rate is shown").isTrue();
        assertThat(Double.parseDouble(rate.group(1))).isEqualTo(3.0 / ReportStore.FORECAST_CHECKS);
        assertThat(rate.group(2)).isEqualTo("33.3%");

        Matcher panel = Pattern.compile("<div class=\"diff\" id=\"diff-0\" data-check=\"(\\d+)\">(.*?)</div>",
                Pattern.DOTALL).matcher(dom);
        assertThat(panel.find()).as("the clicked check's differences are shown, not hidden").isTrue();
        assertThat(panel.group(1)).isEqualTo(Long.toString(latest));
        String differences = panel.group(2);
        assertThat(differences).contains("Between the runs of check " + latest)
                .contains("<tr class=\"step-difference\" data-step=\"sample\">")
                .contains("diverged: same inputs and fingerprint, different output")
                .contains("<tr class=\"step-difference\" data-step=\"fit\">").contains("tainted: fed a different")
                .contains("Against the previous check");
        // Then another check picked from the list, as a reader picks it: the first, before release changed.
        String first = forecast.get("checks").get(0).get("id").asString();
        String compared = chromium.dumpDom(address + "/" + first);
        Matcher pair = Pattern.compile("<div class=\"diff\" id=\"diff-0\" data-check=\"(\\d+)\">(.*?)</div>",
                Pattern.DOTALL).matcher(compared);
        assertThat(pair.find()).isTrue();
        assertThat(pair.group(2)).contains("Against check " + first + ": run " + first + ".1 \u2192 run " + latest + ".1")
                .contains("reprounit.param.Forecast.version.release=0")
                .contains("<tr class=\"step-difference\" data-step=\"version\">");

        assertThat(dom).as("the attention list at the top names the latest check's failing step")
                .containsPattern("<li data-pipeline=\"Forecast\" data-step=\"sample\" data-verdict=\"DIVERGED\">");
        assertThat(dom).as("no duration plot is empty").contains("<polyline points=");

        Matcher ready = Pattern.compile("data-ready-millis=\"([0-9.]+)\"").matcher(dom);
        assertThat(ready.find()).isTrue();
        assertThat(Double.parseDouble(ready.group(1))).as("rendered within a second").isLessThan(1000);

        Path png = OUT.resolve("report.png");
        Files.deleteIfExists(png);
        chromium.screenshot(address, png, 1400, 1700);
        byte[] image = Files.readAllBytes(png);
        assertThat(image).as("a PNG").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(image.length).as("more than a blank page").isGreaterThan(20_000);
    }
}
