package io.reprounit.bench.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.bench.perturbation.PerturbationBenchmark.Check;
import io.reprounit.bench.perturbation.PerturbationBenchmark.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample of the corpus, checked by the benchmark's own harness on every build, so that neither the harness's judging
 * nor a labelled case goes stale between runs of the benchmark: one case that a variation makes differ, caught at its
 * culprit with the variation named, and one control that passes under every variation.
 */
class CorpusSampleTest {

    @Test
    void aLabelledCaseIsCaughtAtItsCulpritAndAControlPasses(@TempDir Path store) throws IOException {
        List<Outcome> outcomes = PerturbationBenchmark.round(
                List.of(new Check(LocaleDecimals.class, "all"), new Check(ControlTreeMap.class, "all")), store, false);

        Outcome locale = outcomes.get(0);
        assertThat(locale.failedSteps()).containsExactly("csv");
        assertThat(locale.named()).contains("locale");
        assertThat(locale.ok()).isTrue();
        Outcome control = outcomes.get(1);
        assertThat(control.falsePositive()).as(control.reason()).isFalse();
        assertThat(control.ok()).isTrue();
    }
}
