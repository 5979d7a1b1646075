package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.reprounit.api.Variation;
import io.reprounit.run.fixtures.cpucontention.BudgetedScore;
import io.reprounit.run.fixtures.directoryorder.ShardConcat;
import io.reprounit.run.fixtures.environment.Provenance;
import io.reprounit.run.fixtures.identityhash.FeatureSet;
import io.reprounit.run.fixtures.locale.PriceReport;
import io.reprounit.run.fixtures.processors.ParallelScore;
import io.reprounit.run.fixtures.tempdirectory.FeatureCache;
import io.reprounit.run.fixtures.timezone.DailyReport;
import io.reprounit.run.fixtures.user.ModelCard;
import io.reprounit.run.fixtures.workingdirectory.ExportManifest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Events;

/**
 * For each variation, a pipeline that is deterministic in forked runs under every other variation and diverges under
 * this one, at the step that depends on it, with the variation and its experiment value named.
 */
class VariationsTest {

    @BeforeAll
    static void data() throws IOException {
        FixtureData.create();
    }

    static Stream<Arguments> variations() {
        return Stream.of(
                arguments(Variation.TIME_ZONE, DailyReport.class, "report", "time_zone=Etc/GMT-14"),
                arguments(Variation.LOCALE, PriceReport.class, "report", "locale=tr_TR"),
                arguments(Variation.PROCESSORS, ParallelScore.class, "score", "processors=8"),
                arguments(Variation.IDENTITY_HASH, FeatureSet.class, "selected", "identity_hash=shuffled"),
                arguments(Variation.USER, ModelCard.class, "card", "user=reprounit-second"),
                arguments(Variation.WORKING_DIRECTORY, ExportManifest.class, "manifest", "working_directory=/"),
                arguments(Variation.TEMP_DIRECTORY, FeatureCache.class, "plan", "temp_directory=/"),
                arguments(Variation.DIRECTORY_ORDER, ShardConcat.class, "shards", "directory_order=reversed"),
                arguments(Variation.ENVIRONMENT, Provenance.class, "provenance",
                        "environment=+REPROUNIT_CAPTURE_ENVIRONMENT"),
                arguments(Variation.CPU_CONTENTION, BudgetedScore.class, "score",
                        "cpu_contention=" + CpuContention.defaultThreads() + " busy threads"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variations")
    void aStepThatDependsOnTheVariationIsCaughtOnlyWithItOn(Variation variation, Class<?> pipeline, String culprit,
            String named) {
        // The opt-in variations are left out as all leaves them out: cpu_contention makes a check's runs take turns, and
        // UnspecifiedOrderTest checks unspecified_order.
        String others = Arrays.stream(Variation.values())
                .filter(v -> v != variation && v != Variation.CPU_CONTENTION && v != Variation.UNSPECIFIED_ORDER)
                .map(VariationsTest::name).collect(Collectors.joining(","));

        Events without = Checks.forked().with("reprounit.vary", others).run(pipeline);
        Events with = Checks.forked().with("reprounit.vary", name(variation)).run(pipeline);

        assertThat(without.finished().stream().map(event -> event.getRequiredPayload(TestExecutionResult.class)))
                .as("every step and the pipeline pass under the other variations")
                .allSatisfy(result -> assertThat(result.getStatus()).as(result.toString())
                        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        assertThat(Checks.failure(with, culprit)).hasValueSatisfying(message -> assertThat(message)
                .contains("step '" + culprit + "' is not reproducible")
                .contains("step '" + culprit + "' differs under " + named));
        assertThat(with.finished().stream()
                .filter(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus()
                        == TestExecutionResult.Status.FAILED)
                .map(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getValue()))
                .as("only the culprit fails; steps downstream of it are tainted, not failed")
                .containsExactly(culprit);
        if (variation == Variation.CPU_CONTENTION) {
            assertThat(Checks.failure(with, culprit)).hasValueSatisfying(message -> assertThat(message)
                    .contains("the difference appeared only under CPU contention, so the step's threads race"));
        }
    }

    private static String name(Variation variation) {
        return variation.name().toLowerCase(Locale.ROOT);
    }
}
