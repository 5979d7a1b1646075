package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.api.Variation;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.run.fixtures.unspecifiedorder.UnorderedLookups;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How reprounit.vary names variations: unspecified_order and cpu_contention are opt-in, left out of all. */
class RunSettingsTest {

    private static final PipelineDefinition PIPELINE = new PipelineReader(2, type -> Optional.empty())
            .read(UnorderedLookups.class).pipeline().orElseThrow();

    @Test
    void allLeavesTheOptInVariationsOutAndEachCanBeAskedForByName() {
        assertThat(plan("all").variations()).isEqualTo(
                EnumSet.complementOf(EnumSet.of(Variation.UNSPECIFIED_ORDER, Variation.CPU_CONTENTION)));
        assertThat(plan("all, unspecified_order, cpu_contention").variations())
                .isEqualTo(EnumSet.allOf(Variation.class));
        assertThat(plan("unspecified-order").variations()).containsExactly(Variation.UNSPECIFIED_ORDER);
        assertThat(plan("CPU_Contention").variations()).containsExactly(Variation.CPU_CONTENTION);
    }

    @Test
    void theSeedIsTheConfiguredOneOrAFreshOne() {
        assertThat(plan("unspecified_order", "reprounit.vary.seed", "42").seed()).isEqualTo(42);
        assertThat(plan("unspecified_order").seed()).isPositive();
        assertThatThrownBy(() -> plan("unspecified_order", "reprounit.vary.seed", "forty-two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reprounit.vary.seed = 'forty-two' is not a seed");
    }

    private static CheckPlan plan(String vary, String... more) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("reprounit.isolation", "forked",
                "reprounit.vary", vary));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return new RunSettings(key -> Optional.ofNullable(parameters.get(key))).plan(PIPELINE);
    }
}
