package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.api.Variation;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.run.fixtures.unspecifiedorder.UnorderedLookups;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How reprounit.vary names variations: unspecified_order is opt-in, left out of all. */
class RunSettingsTest {

    private static final PipelineDefinition PIPELINE = new PipelineReader(2, type -> Optional.empty())
            .read(UnorderedLookups.class).pipeline().orElseThrow();

    @Test
    void allLeavesUnspecifiedOrderOutAndItCanBeAskedForByName() {
        assertThat(plan("all").variations()).isEqualTo(EnumSet.complementOf(EnumSet.of(Variation.UNSPECIFIED_ORDER)));
        assertThat(plan("all, unspecified_order").variations()).isEqualTo(EnumSet.allOf(Variation.class));
        assertThat(plan("unspecified-order").variations()).containsExactly(Variation.UNSPECIFIED_ORDER);
    }

    @Test
    void theSeedIsTheConfiguredOneOrAFreshOne() {
        assertThat(plan("unspecified_order", "reprounit.vary.seed", "42").seed()).isEqualTo(42);
        assertThat(plan("unspecified_order").seed()).isPositive();
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
