package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.locale.PriceReport;
import io.reprounit.run.fixtures.random.NoisyTraining;
import io.reprounit.run.fixtures.setof.VocabularyOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * How many forked JVMs a check starts, as its report says, and that starting fewer blames no step otherwise: a search
 * run that gave a step run 1's output stands for the control run again, whose fresh JVM is then not started.
 */
class ForkCountTest {

    private static final Pattern SEARCHED = Pattern.compile("found by searching 9 variations in (\\d+) forked runs");

    @Test
    void aPassingCheckStartsItsTwoRuns() {
        Events events = Checks.forked().with("reprounit.vary", "user").run(PriceReport.class);

        assertThat(Checks.failure(events, "report")).isEmpty();
        assertThat(Checks.forkedRuns(events)).isEqualTo(2);
    }

    /** The common case: the variation is found, its replays ride on a search run, and no control run again starts. */
    @Test
    void aStepAVariationMakesDifferIsBlamedOnItWithNoControlRunAgain() {
        Events events = Checks.forked().with("reprounit.vary", "all").run(PriceReport.class);

        String message = Checks.failure(events, "report").orElseThrow();
        assertThat(message).contains("step 'report' differs under locale=tr_TR (found by searching 9 variations in")
                .doesNotContain("between fresh JVMs")
                .contains("replayed 3 times alone on run 1's inputs in a fresh JVM, it gave the same output every time"
                        + " (rate 1/3): the step is deterministic by itself and reacts to something outside its inputs:"
                        + " here locale=tr_TR");
        Matcher searched = SEARCHED.matcher(message);
        assertThat(searched.find()).as(message).isTrue();
        assertThat(Checks.forkedRuns(events)).as("the check's 2 runs and the search's, nothing else")
                .isEqualTo(2 + Integer.parseInt(searched.group(1)));
    }

    /** No search run reproduces it: the control runs again, through the upstream steps, and tells. */
    @Test
    void aStepThatDiffersInEveryFreshJvmIsStillBlamedOnFreshJvmsUnderVariations() {
        Events events = Checks.forked().with("reprounit.vary", "locale,time_zone").run(NoisyTraining.class);

        assertThat(Checks.failure(events, "weight")).hasValueSatisfying(message -> assertThat(message)
                .contains("it differs between fresh JVMs even with no variation, so no variation is to blame")
                .doesNotContain("differs under")
                .contains("in a fresh JVM, it gave 3 distinct outputs (rate 3/3): the step is nondeterministic by"
                        + " itself"));
        assertThat(Checks.forkedRuns(events)).as("its 3 runs, a search round that no run reproduced, and the control"
                + " again through the upstream steps, which also replays it").isEqualTo(3 + 2 + 1);
    }

    /** With no variation the check's own runs already differ between fresh JVMs: one more, for the replays. */
    @Test
    void aFreshJvmCaseWithNoVariationTakesOneRunForItsReplays() {
        Events events = Checks.forked().run(VocabularyOrder.class);

        assertThat(Checks.failure(events, "vocabulary")).hasValueSatisfying(message -> assertThat(message)
                .contains("replayed 3 times alone on run 1's inputs in a fresh JVM, it gave the same output every time")
                .contains("deterministic by itself and reacts to something outside its inputs that changes from one"
                        + " JVM start to the next"));
        assertThat(Checks.forkedRuns(events)).isEqualTo(4 + 1);
    }
}
