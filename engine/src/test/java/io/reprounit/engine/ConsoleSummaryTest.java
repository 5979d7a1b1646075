package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue.Severity;

/** Every check prints a line per pipeline and one per step with its verdict on standard output, unless turned off. */
class ConsoleSummaryTest {

    @Test
    void aFailingCheckPrintsEveryStepWithItsVerdictAndTheReasonsOfThoseThatDidNotReproduce() {
        String out = printed(() -> ReproUnitKit.execute(selectClass(MiddleDiverges.class)));

        assertThat(out).contains("ReproUnit MiddleDiverges: 2 reproduced, 1 diverged, 2 tainted");
        assertThat(out.lines().filter(line -> line.startsWith("  ")).map(String::strip))
                .satisfiesExactly(
                        line -> assertThat(line).isEqualTo("REPRODUCED load"),
                        line -> assertThat(line).startsWith("DIVERGED   shuffle: step 'shuffle' is not reproducible"),
                        line -> assertThat(line).startsWith("TAINTED    join: ").contains("'shuffle' diverged upstream"),
                        line -> assertThat(line).startsWith("TAINTED    report: "),
                        line -> assertThat(line).isEqualTo("REPRODUCED vocabulary"));
    }

    @Test
    void aGreenRunNamesItsSteps() {
        String out = printed(() -> ReproUnitKit.execute(selectClass(WordCount.class)));

        assertThat(out).containsPattern("ReproUnit WordCount: \\d+ reproduced\\R").contains("  REPRODUCED ");
    }

    @Test
    void itCanBeTurnedOff() {
        String out = printed(() -> ReproUnitKit.execute(Map.of(Constants.SUMMARY_PROPERTY_NAME, "off"),
                selectClass(WordCount.class)));

        assertThat(out).doesNotContain(ConsoleSummary.PREFIX);
    }

    @Test
    void aValueThatIsNeitherOnNorOffIsAWarningAndKeepsItOn() {
        assertThat(ReproUnitKit.engine().configurationParameter(Constants.SUMMARY_PROPERTY_NAME, "loud")
                .selectors(selectClass(WordCount.class)).discover().getDiscoveryIssues())
                .singleElement().satisfies(issue -> {
                    assertThat(issue.severity()).isEqualTo(Severity.WARNING);
                    assertThat(issue.message()).contains(Constants.SUMMARY_PROPERTY_NAME).contains("'loud'");
                });
    }

    private static String printed(Supplier<?> execution) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            execution.get();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
