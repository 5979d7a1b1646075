package io.reprounit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.jupiter.fixtures.DivergingMethod;
import io.reprounit.jupiter.fixtures.ReproducingMethod;
import io.reprounit.store.CheckSummary;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A @ReproducibleTest is fingerprinted and recorded in the metadata store as the engine does for a pipeline. */
class TestRecordingTest {

    @TempDir
    Path directory;

    @Test
    void everyRunIsRecordedWithItsOutputsAndFingerprintAndTheCheckWithItsVerdicts() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        RunOutcome.execute(ReproducingMethod.class, url);

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("ReproducingMethod#trainsTheSameModel", 5).get(0);
            assertThat(check.outcome()).isEqualTo("REPRODUCED");
            assertThat(check.runs()).hasSize(2);
            StoredRun run = store.run(check.runs().get(1));
            assertThat(run.status()).isEqualTo("COMPLETE");
            assertThat(run.fingerprint().part(Aspect.ENVIRONMENT, "java.version")).isPresent();
            assertThat(run.steps()).extracting(step -> step.step()).containsExactlyInAnyOrder("steps", "weights",
                    "metrics");
        }
    }

    @Test
    void eachOutputIsKeptInTheArtifactStoreAsItIsRecorded() {
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        Outputs outputs = new Outputs(Materializers.of(java.util.List.of()), artifacts);

        outputs.record("weights", java.util.List.of(0.25, 0.75));

        Artifact weights = outputs.close().get("weights");
        assertThat(weights.kept().location()).startsWith(ArtifactStore.location(weights.digest()));
        assertThat(artifacts.read(weights.digest())).hasValue(weights.bytes());
    }

    @Test
    void aBadMaxSizeIsReportedNamingTheSettingOnceTheRunsAreCompared() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("reprounit.store.url", "jdbc:sqlite:" + directory.resolve("metadata.db"))
                .configurationParameter("reprounit.artifacts.max-size", "lots")
                .selectors(selectClass(ReproducingMethod.class)).execute();

        results.testEvents().assertThatEvents().haveAtLeast(1, finishedWithFailure(message(text ->
                text.contains("reprounit.artifacts.max-size = 'lots' is not a size"))));
    }

    @Test
    void aDivergedOutputIsRecordedAsTheCulprit() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        RunOutcome.execute(DivergingMethod.class, url);

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            CheckSummary check = store.checks("DivergingMethod#trainsAnotherModelEachTime", 5).get(0);
            assertThat(check.outcome()).isEqualTo("DIVERGED");
            assertThat(check.culprit()).isIn("model", "loss");
        }
    }

    @Test
    void theRunsPublishTheirFingerprintAsTheEngineDoes() {
        EngineExecutionResults results = RunOutcome.execute(ReproducingMethod.class,
                "jdbc:sqlite:" + directory.resolve("metadata.db"));

        Map<String, String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .flatMap(map -> map.entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        assertThat(entries).containsKeys("reprounit.environment.java.version", "reprounit.code.git.commit");
        assertThat(entries.get("reprounit.code.bytecode")).matches("\\d+ methods in \\d+ classes sha256:[0-9a-f]{64}");
    }
}
