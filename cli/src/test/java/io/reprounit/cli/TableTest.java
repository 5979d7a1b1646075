package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables fit the width they are given by cutting what may be cut, never the ids and names that tell rows apart. */
class TableTest {

    private static final String PIPELINE = "com.example.pipelines.fraud.FraudDetectionTrainingPipeline";
    private static final String STEP = "train_gradient_boosted_trees_with_early_stopping";

    @Test
    void theWidestColumnThatMayBeCutGivesWayAndIdsAndNamesStayWhole() {
        Table table = new Table("CHECK", "PIPELINE", "STEP", "EXPLANATION").whole("CHECK", "PIPELINE", "STEP")
                .row(1234, PIPELINE, STEP, "config of step train: epochs 30 → 40, and the seed changed as well");

        List<String> lines = table.render(200).lines().toList();
        List<String> narrow = table.render(80).lines().toList();

        assertThat(lines.get(1)).endsWith("epochs 30 → 40, and the seed changed as well");
        assertThat(narrow.get(1)).startsWith("1234   " + PIPELINE + "  " + STEP + "  conf").endsWith("…");
        assertThat(narrow.get(0)).startsWith("CHECK  PIPELINE");
    }

    @Test
    void withNothingToCutTheLineIsLongerThanTheWidth() {
        Table table = new Table("PIPELINE", "STEP").whole("PIPELINE", "STEP").row(PIPELINE, STEP);

        assertThat(table.render(40).lines().toList().get(1)).isEqualTo(PIPELINE + "  " + STEP);
    }

    @Test
    void tablesTakeTheWidthGivenOnTheCommandLine() {
        assertThat(new StoreOptionsWidth().width("--width", "60")).isEqualTo(60);
        assertThat(new StoreOptionsWidth().width()).as("no terminal under the test").isEqualTo(Table.WIDTH);
    }

    @Test
    void anExportedColumnsCountsOnlyWhereItIsAWidth() {
        assertThat(Terminal.parse("132")).hasValue(132);
        assertThat(Terminal.parse("12")).isEmpty();
        assertThat(Terminal.parse("wide")).isEmpty();
        assertThat(Terminal.parse(null)).isEmpty();
    }

    /** The options of a command, parsed as picocli parses them. */
    private static final class StoreOptionsWidth {
        int width(String... args) {
            StoreOptions options = new StoreOptions();
            new picocli.CommandLine(options).parseArgs(args);
            return options.width();
        }
    }
}
