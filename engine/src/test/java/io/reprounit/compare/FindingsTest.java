package io.reprounit.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.Finding;
import io.reprounit.run.Finding.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Findings are kept by kind on the verdict of a step that did not reproduce, and said after its explanation. */
class FindingsTest {

    private static final Finding UNDER_LOCALE = new Finding(Kind.VARIATION, "step 'report' differs under locale=tr_TR");
    private static final Finding REPLAYED = new Finding(Kind.REPLAY, "replayed 3 times, it gave the same output");

    @Test
    void aDivergedStepKeepsItsFindingsByKindAndItsExplanationEndsWithThem() {
        CheckResult result = new CheckResult(List.of(
                StepVerdict.reproduced("load", "same output in every run", List.of()),
                StepVerdict.differing("report", Verdict.DIVERGED, "step 'report' is not reproducible", List.of("report"),
                        null, null, List.of())))
                .withFindings(Map.of("report", List.of(UNDER_LOCALE, REPLAYED), "load", List.of(REPLAYED)));

        StepVerdict report = result.verdict("report").orElseThrow();
        assertThat(report.findings(Kind.VARIATION)).containsExactly(UNDER_LOCALE);
        assertThat(report.findings(Kind.REPLAY)).containsExactly(REPLAYED);
        assertThat(report.findings(Kind.BASELINE)).isEmpty();
        assertThat(report.explanation()).isEqualTo("step 'report' is not reproducible; " + UNDER_LOCALE.text() + "; "
                + REPLAYED.text());
        StepVerdict load = result.verdict("load").orElseThrow();
        assertThat(load.findings()).as("a step that reproduced gets none").isEmpty();
        assertThat(load.explanation()).isEqualTo("same output in every run");
    }

    @Test
    void findingsAddedLaterComeAfterTheFirst() {
        StepVerdict verdict = StepVerdict.differing("train", Verdict.CHANGED, "changed", List.of("train"), null, null,
                List.of()).withFindings(List.of(REPLAYED))
                .withFindings(List.of(new Finding(Kind.BASELINE, "to accept this change, run …")));

        assertThat(verdict.findings()).extracting(Finding::kind).containsExactly(Kind.REPLAY, Kind.BASELINE);
        assertThat(verdict.explanation()).endsWith("; to accept this change, run …");
    }
}
