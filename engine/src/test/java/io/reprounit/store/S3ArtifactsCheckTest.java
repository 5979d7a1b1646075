package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.s3.TestS3;
import io.reprounit.store.fixtures.Tally;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A real check that keeps its outputs in S3 through the settings, and what another machine then reads. */
class S3ArtifactsCheckTest {

    @TempDir
    Path directory;

    @Test
    void aCheckKeepsItsOutputsInTheBucketAndAnotherMachineReadsThem() {
        checkKeepsItsOutputsInTheBucket(Map.of());
    }

    /** Forked runs keep their outputs themselves: each fork opens the bucket from its request, or nothing is there. */
    @Test
    void forkedRunsKeepTheirOutputsInTheBucketToo() {
        checkKeepsItsOutputsInTheBucket(Map.of("reprounit.isolation", "forked"));
    }

    private void checkKeepsItsOutputsInTheBucket(Map<String, String> more) {
        String prefix = "check-" + UUID.randomUUID();
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Map<String, String> parameters = new HashMap<>(TestS3.parameters(prefix));
        parameters.put("reprounit.store.url", url);
        parameters.put("reprounit.baseline.mode", "none");
        parameters.putAll(more);

        check(parameters).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1).aborted(1));

        List<StoredStep> steps;
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            steps = store.run(store.checks("Tally", 1).get(0).runs().get(0)).steps();
        }
        assertThat(steps).isNotEmpty().allSatisfy(step -> assertThat(step.keptAt()).as(step.step()).isNotNull());
        assertThat(TestS3.server().objectCount(TestS3.BUCKET, prefix + "/sha256/")).isGreaterThanOrEqualTo(3);
        ArtifactStore elsewhere = new ArtifactStore(directory.resolve("another-machine"))
                .withRemote(TestS3.tier(prefix));
        for (StoredStep step : steps) {
            assertThat(elsewhere.condition(java.util.Objects.requireNonNull(step.output())).isIntact()).as(step.step()).isTrue();
        }
    }

    @Test
    void aBucketThatDoesNotExistFailsEachPipelineNamingTheSetting() {
        Map<String, String> parameters = new HashMap<>(TestS3.parameters("p"));
        parameters.put("reprounit.artifacts.url", "s3://no-such-bucket-here/p");
        parameters.put("reprounit.store.url", "jdbc:sqlite:" + directory.resolve("metadata.db"));
        parameters.put("reprounit.baseline.mode", "none");

        check(parameters).containerEvents().assertThatEvents().haveAtLeastOne(finishedWithFailure(
                message(m -> m.contains("reprounit.artifacts.url") && m.contains("no-such-bucket-here")
                        && m.contains("does not exist"))));
    }

    @Test
    void anS3SettingWithoutTheUrlIsNamed() {
        Map<String, String> parameters = Map.of("reprounit.artifacts.s3.endpoint", "http://127.0.0.1:9000",
                "reprounit.store.url", "jdbc:sqlite:" + directory.resolve("metadata.db"),
                "reprounit.baseline.mode", "none");

        check(parameters).containerEvents().assertThatEvents().haveAtLeastOne(finishedWithFailure(
                message(m -> m.contains("reprounit.artifacts.s3.endpoint is set, but reprounit.artifacts.url"))));
    }

    private static EngineExecutionResults check(Map<String, String> parameters) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(parameters).selectors(selectClass(Tally.class)).execute();
    }
}
