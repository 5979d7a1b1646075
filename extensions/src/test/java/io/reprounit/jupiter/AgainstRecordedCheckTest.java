package io.reprounit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.jupiter.fixtures.ScaledPipeline;
import io.reprounit.jupiter.fixtures.StablePipeline;
import io.reprounit.store.CheckSummary;
import io.reprounit.store.MetadataStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link CheckOptions#againstCheck(long, String)}: a pipeline checked from a test against a check the engine recorded,
 * judged as the engine judges {@code reprounit.against=check:<id>}.
 */
class AgainstRecordedCheckTest {

    private static final String OVERRIDE = "reprounit.param.ScaledPipeline.scale.factor";

    @TempDir
    Path directory;

    @Test
    void reproducesTheRecordedCheckAndExplainsAChangedParameterByItsPart() {
        String store = "jdbc:sqlite:" + directory.resolve("metadata.db");
        long recorded = record(ScaledPipeline.class, store);

        PipelineCheck same = ReproUnit.check(ScaledPipeline.class, CheckOptions.defaults().againstCheck(recorded, store));
        assertThat(same.isReproducible()).as(same.toString()).isTrue();
        assertThat(same.step("scale").orElseThrow().verdict()).isEqualTo(Verdict.REPRODUCED);

        System.setProperty(OVERRIDE, "3");
        try {
            PipelineCheck changed = ReproUnit.check(ScaledPipeline.class,
                    CheckOptions.defaults().againstCheck(recorded, store));
            StepCheck scale = changed.step("scale").orElseThrow();
            assertThat(scale.verdict()).as(changed.toString()).isEqualTo(Verdict.CHANGED);
            assertThat(scale.changedAspects()).contains(Aspect.CONFIG);
        } finally {
            System.clearProperty(OVERRIDE);
        }
    }

    @Test
    void aCheckOfAnotherPipelineOrNoneAtAllIsRefusedNamingIt() {
        String store = "jdbc:sqlite:" + directory.resolve("metadata.db");
        long scaled = record(ScaledPipeline.class, store);

        assertThatThrownBy(() -> ReproUnit.check(StablePipeline.class,
                CheckOptions.defaults().withoutFingerprints().againstCheck(scaled, store)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a check of pipeline ScaledPipeline").hasMessageContaining("StablePipeline");
        assertThatThrownBy(() -> ReproUnit.check(ScaledPipeline.class,
                CheckOptions.defaults().againstCheck(scaled + 100, store)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(scaled + 100));
    }

    /** Checks {@code pipeline} with the engine, recording into {@code store}; the id of the check it recorded. */
    private long record(Class<?> pipeline, String store) {
        EngineTestKit.engine("reprounit").configurationParameters(Map.of("reprounit.baseline.mode", "none",
                "reprounit.store.url", store, "reprounit.artifacts.dir", directory.resolve("artifacts").toString(),
                "reprounit.cache", "off")).selectors(selectClass(pipeline)).execute()
                .testEvents().assertStatistics(stats -> stats.failed(0));
        try (MetadataStore metadata = MetadataStore.openReadOnly(store, "store")) {
            List<CheckSummary> checks = metadata.checks(pipeline.getSimpleName(), 1);
            assertThat(checks).hasSize(1);
            return checks.get(0).id();
        }
    }
}
