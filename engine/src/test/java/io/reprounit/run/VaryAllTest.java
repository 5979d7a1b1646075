package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import io.reprounit.engine.fixtures.simple.WordCount;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import java.util.EnumSet;
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

    private CheckPlan plan(String vary) {
        Map<String, String> parameters = Map.of("reprounit.isolation", "forked", "reprounit.vary", vary);
        return new RunSettings(key -> Optional.ofNullable(parameters.get(key))).plan(pipeline);
    }
}
