package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import io.reprounit.engine.fixtures.simple.WordCount;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code all} leaves out the opt-in cpu_contention, which is still there for whoever names it. */
class VaryAllTest {

    private final PipelineDefinition pipeline = new PipelineReader(2,
            Materializers.load(getClass().getClassLoader())::whyUnsupported, ParamOverrides.NONE)
            .read(WordCount.class).pipeline().orElseThrow();

    @Test
    void allIsEveryVariationButCpuContention() {
        assertThat(plan("all").variations())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Variation.CPU_CONTENTION)));
        assertThat(plan("all, cpu_contention").variations()).isEqualTo(EnumSet.allOf(Variation.class));
        assertThat(plan("cpu-contention").variations()).containsExactly(Variation.CPU_CONTENTION);
    }

    @Test
    void aStepBlamedOnContentionAloneIsCalledARaceAndNoOtherIs() {
        Finding alone = new Finding(Finding.Kind.VARIATION, "step 'score' differs under cpu_contention=8 busy threads");
        Finding withOther = new Finding(Finding.Kind.VARIATION,
                "step 'score' differs under processors=8 and cpu_contention=8 busy threads");
        Finding replay = new Finding(Finding.Kind.REPLAY, "replayed 3 times");

        Map<String, List<Finding>> found = Findings.withRaces(Map.of("score", List.of(alone, replay),
                "other", List.of(withOther)));

        assertThat(found.get("score")).extracting(Finding::text).containsExactly(alone.text(),
                "the difference appeared only under CPU contention, so the step's threads race: on an idle machine one"
                        + " of them happens to finish first; wait for results in a fixed order (join, invokeAll) rather"
                        + " than as they come", replay.text());
        assertThat(found.get("other")).containsExactly(withOther);
    }

    private CheckPlan plan(String vary) {
        Map<String, String> parameters = Map.of("reprounit.isolation", "forked", "reprounit.vary", vary);
        return new RunSettings(key -> Optional.ofNullable(parameters.get(key))).plan(pipeline);
    }
}
