package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.Materializers;
import io.reprounit.engine.fixtures.config.Named;
import io.reprounit.engine.fixtures.config.Tuned;
import io.reprounit.engine.fixtures.runs.Counted;
import io.reprounit.engine.fixtures.runs.LateDivergence;
import io.reprounit.engine.fixtures.runs.ThreeRuns;
import io.reprounit.engine.fixtures.runs.TwoRuns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** Parameters from the YAML configuration, seeded generators, and the number of runs. */
class ConfigurationTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    @Test
    void paramsComeFromTheStepsOwnKeyAndFallBackToTheTopLevelParams() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Tuned.class));
        Events events = results.allEvents();

        assertThat(results.testEvents().succeeded().count()).isEqualTo(5);
        assertThat(outputDigest(events, Tuned.class, "greet")).isEqualTo(digest("hello"));
        assertThat(outputDigest(events, Tuned.class, "sized")).as("steps.sized.size").isEqualTo(digest(5));
        assertThat(outputDigest(events, Tuned.class, "fallback")).as("params.size").isEqualTo(digest(3));
    }

    @Test
    void aConfigurationNamedByTheAnnotationIsRead() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Named.class));

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(outputDigest(results.allEvents(), Named.class, "labelled"))
                .isEqualTo(digest("from-named-file [x, y]"));
    }

    @Test
    void aRandomParameterIsSeededTheSameInEveryRunAndDifferentlyPerStep() {
        Tuned.DRAWS.clear();

        ReproUnitKit.execute(selectClass(Tuned.class));

        assertThat(Tuned.DRAWS).hasSize(4);
        List<String> first = Tuned.DRAWS.stream().filter(draw -> draw.startsWith("firstDraw=")).toList();
        List<String> second = Tuned.DRAWS.stream().filter(draw -> draw.startsWith("secondDraw=")).toList();
        assertThat(first).hasSize(2).containsOnly(first.get(0));
        assertThat(second).hasSize(2).containsOnly(second.get(0));
        assertThat(value(first.get(0))).isNotEqualTo(value(second.get(0)));
    }

    @Test
    void eachGeneratorIsSeededFromTheConfiguredSeedAndTheStepName() throws Exception {
        Tuned.DRAWS.clear();

        Events events = ReproUnitKit.execute(selectClass(Tuned.class)).allEvents();

        // Tuned.yaml sets seed: 7; a step's seed is the first 8 bytes of SHA-256("<pipeline seed>/<step name>").
        assertThat(Tuned.DRAWS).contains("firstDraw=" + firstDraw(7, "firstDraw"),
                "secondDraw=" + firstDraw(7, "secondDraw"));
        assertThat(ReproUnitKit.entries(events, stepId(Tuned.class, "firstDraw")))
                .containsEntry("reprounit.config.seed", "7");
    }

    @Test
    void runsDefaultsToTwo() {
        Counted.CALLS.set(0);

        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Counted.class));

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(Counted.CALLS).hasValue(2);
    }

    @Test
    void theRunsParameterSetsHowManyRunsAreCompared() {
        Counted.CALLS.set(0);

        EngineExecutionResults results = ReproUnitKit.execute(Map.of(Constants.RUNS_PROPERTY_NAME, "3"),
                selectClass(Counted.class));

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(Counted.CALLS).hasValue(3);
    }

    @Test
    void aDivergenceInTheThirdRunIsFoundOnlyWithThreeRuns() {
        LateDivergence.CALLS.set(0);
        EngineExecutionResults two = ReproUnitKit.execute(selectClass(LateDivergence.class));
        assertThat(two.testEvents().succeeded().count()).isEqualTo(1);

        LateDivergence.CALLS.set(0);
        EngineExecutionResults three = ReproUnitKit.execute(Map.of(Constants.RUNS_PROPERTY_NAME, "3"),
                selectClass(LateDivergence.class));

        assertThat(three.testEvents().failed().stream()).singleElement().satisfies(event -> {
            Throwable failure = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).isInstanceOf(AssertionFailedError.class);
            assertThat(failure.getMessage()).contains("step 'flaky'").contains("identical in all 3 runs")
                    .contains("run 3:");
            assertThat(((AssertionFailedError) failure).getExpected().getStringRepresentation()).contains("same");
            assertThat(((AssertionFailedError) failure).getActual().getStringRepresentation()).contains("late");
        });
    }

    @Test
    void runsWrittenOnTheAnnotationWinOverTheParameter() {
        ThreeRuns.CALLS.set(0);

        ReproUnitKit.execute(Map.of(Constants.RUNS_PROPERTY_NAME, "5"), selectClass(ThreeRuns.class));

        assertThat(ThreeRuns.CALLS).hasValue(3);
    }

    @Test
    void twoRunsWrittenOnTheAnnotationAreKeptToo() {
        TwoRuns.CALLS.set(0);

        ReproUnitKit.execute(Map.of(Constants.RUNS_PROPERTY_NAME, "5"), selectClass(TwoRuns.class));

        assertThat(TwoRuns.CALLS).as("2 is written on the annotation, not left at its default").hasValue(2);
    }

    private static String outputDigest(Events events, Class<?> pipeline, String step) {
        return ReproUnitKit.entries(events, stepId(pipeline, step)).get("reprounit.output.digest");
    }

    private static String digest(Object output) {
        return MATERIALIZERS.materialize(output).digest();
    }

    private static long firstDraw(long pipelineSeed, String step) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((pipelineSeed + "/" + step).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new java.util.Random(java.nio.ByteBuffer.wrap(digest).getLong()).nextLong();
    }

    private static long value(String draw) {
        return Long.parseLong(draw.substring(draw.indexOf('=') + 1));
    }
}
