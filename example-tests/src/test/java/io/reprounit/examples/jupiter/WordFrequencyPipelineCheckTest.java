package io.reprounit.examples.jupiter;

import static io.reprounit.assertj.ReproUnitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.jupiter.CheckOptions;
import io.reprounit.jupiter.PipelineCheck;
import io.reprounit.jupiter.ReproUnit;
import org.junit.jupiter.api.Test;

/** Checks a pipeline class from an ordinary Jupiter test and asserts on the result with AssertJ. */
class WordFrequencyPipelineCheckTest {

    @Test
    void everyStepReproduces() {
        PipelineCheck check = ReproUnit.check(WordFrequencyPipeline.class);

        assertThat(check).isReproducible().hasSteps("tokenize", "count", "topWords");
        assertThat(check).step("topWords").reproduced().hasExplanationContaining("gave the same output in all 2 runs");
    }

    @Test
    void theRankingIsTheSameInFiveRuns() {
        PipelineCheck check = ReproUnit.check(WordFrequencyPipeline.class, CheckOptions.defaults().runs(5));

        assertThat(check.runs()).hasSize(5);
        assertThat(check.step("topWords").orElseThrow().outputDigests()).containsOnly(
                check.step("topWords").orElseThrow().outputDigest());
    }
}
