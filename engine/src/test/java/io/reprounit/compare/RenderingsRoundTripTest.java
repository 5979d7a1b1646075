package io.reprounit.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Materializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two outputs encoded by the real encoder, shown around their first difference as the reader finds it. */
class RenderingsRoundTripTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    record Row(String id, double score) {}

    record Table(List<Object> columns, Set<Row> rows, Map<String, Object> meta) {}

    private static Artifact table(double score) {
        List<Object> columns = new ArrayList<>(List.of("id", "score"));
        return MATERIALIZERS.materialize(new Table(columns, Set.of(new Row("a", 1), new Row("b", score)),
                Map.of("columns", columns)));
    }

    @Test
    void theFirstDifferenceInASetElementIsNamedAndShownInBothWindows() {
        Renderings.Compared compared = Renderings.compare(table(0.5), table(0.25));

        assertThat(compared.firstDifference()).isEqualTo("first difference at output.rows[1].score (line 18): 0.5 → 0.25");
        assertThat(compared.expected().text()).contains("\"score\": 0.5").contains("\"$ref\": \"output.columns\"");
        assertThat(compared.actual().text()).contains("\"score\": 0.25");
        assertThat(table(0.5).content().lines().toList().get(17)).isEqualTo("      \"score\": 0.5");
    }

    @Test
    void equalOutputsHaveNoDifferenceToShow() {
        assertThat(table(0.5).digest()).isEqualTo(table(0.5).digest());
        assertThat(Renderings.compare(table(0.5), table(0.5)).firstDifference()).doesNotContain("first difference at");
    }
}
