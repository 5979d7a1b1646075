package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.hang.StuckDownload;
import io.reprounit.run.fixtures.locale.PriceReport;
import io.reprounit.run.fixtures.random.NoisyTraining;
import io.reprounit.run.fixtures.setof.VocabularyOrder;
import io.reprounit.run.fixtures.sharedfile.SlowExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;

/** Forked runs against same-JVM runs, n-way checks, replay, killed runs and bad settings. */
class IsolationTest {

    @BeforeAll
    static void data() throws IOException {
        FixtureData.create();
    }

    @Test
    void setOfOrderIsCaughtOnlyWhenEveryRunHasAFreshJvm() {
        Events sameJvm = Checks.sameJvm().run(VocabularyOrder.class);
        Events forked = Checks.forked().run(VocabularyOrder.class);

        assertThat(Checks.step(sameJvm, "vocabulary").getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertThat(Checks.failure(forked, "vocabulary")).hasValueSatisfying(message -> assertThat(message)
                .contains("step 'vocabulary' is not reproducible: its inputs were identical in all 4 runs")
                .contains("replayed 3 times alone on run 1's inputs in a fresh JVM, it gave the same output every time")
                .contains("deterministic by itself"));
        assertThat(Checks.step(forked, "letters").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    /** Forked runs go several at a time, but not those given files: they would write the same file at once. */
    @Test
    void forkedRunsOfAPipelineGivenFilesTakeTurns() {
        Events events = Checks.forked().run(SlowExport.class);

        assertThat(Checks.failure(events, "export")).isEmpty();
        assertThat(Checks.step(events, "export").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void anNWayCheckSaysHowManyDistinctOutputsAndTheReplayRate() {
        Events sameJvm = Checks.sameJvm().run(NoisyTraining.class);
        Events forked = Checks.forked().run(NoisyTraining.class);

        for (Events events : List.of(sameJvm, forked)) {
            assertThat(Checks.failure(events, "weight")).hasValueSatisfying(message -> assertThat(message)
                    .contains("its inputs were identical in all 3 runs, but it gave 3 different outputs")
                    .contains("it gave 3 distinct outputs (rate 3/3): the step is nondeterministic by itself"));
        }
    }

    @Test
    void replaySeparatesAStepThatOnlyReactsToAVariation() {
        Events events = Checks.forked().with("reprounit.vary", "LOCALE, time_zone").run(PriceReport.class);

        assertThat(Checks.failure(events, "report")).hasValueSatisfying(message -> assertThat(message)
                .contains("step 'report' differs under locale=tr_TR (found by searching 2 variations in 2 forked runs")
                .doesNotContain("time_zone=")
                .contains("it gave the same output every time (rate 1/3): the step is deterministic by itself and"
                        + " reacts to something outside its inputs: here locale=tr_TR"));
        assertThat(Checks.forkedRuns(events)).as("one search run gave run 1's output, too few to tell fresh JVMs apart:"
                + " the control runs again").isEqualTo(2 + 2 + 1);
    }

    @Test
    void replayZeroTurnsReplayOff() {
        Events events = Checks.sameJvm().with("reprounit.replay", "0").run(NoisyTraining.class);

        assertThat(Checks.failure(events, "weight")).hasValueSatisfying(message -> assertThat(message)
                .contains("3 different outputs").doesNotContain("replayed"));
    }

    @Test
    void aRunThatHangsIsKilledWithWhatItStartedAndItsStepsFailNamingTheTimeout() throws Exception {
        Path pids = FixtureData.DIRECTORY.resolve("hang-pids.txt");
        Files.deleteIfExists(pids);
        long started = System.nanoTime();

        Events events = Checks.forked().with("reprounit.run.timeout", "PT6S")
                .with("reprounit.param.StuckDownload.download.hang", "true").run(StuckDownload.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(Checks.step(events, "url").getStatus()).as(Checks.step(events, "url").toString())
                .isEqualTo(Status.SUCCESSFUL);
        assertThat(Checks.failure(events, "download")).hasValueSatisfying(message -> assertThat(message)
                .containsPattern("run [12] was killed after PT6S \\(reprounit.run.timeout\\) while step 'download' was"
                        + " running"));
        assertThat(Checks.step(events, "rows").getStatus()).isNotEqualTo(Status.SUCCESSFUL);
        List<String> helpers = Files.readAllLines(pids);
        assertThat(helpers).as("a helper process per run").hasSize(2);
        for (String pid : helpers) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(helper -> {
                helper.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
                assertThat(helper.isAlive()).as("helper " + pid).isFalse();
            });
        }
    }

    @Test
    void variationsWithoutForkedRunsAreAnErrorNamingTheSetting() {
        Events events = Checks.sameJvm().with("reprounit.vary", "locale").run(PriceReport.class);

        assertThat(Checks.pipelineFailure(events)).hasValueSatisfying(failure -> assertThat(failure.getMessage())
                .contains("reprounit.vary = 'locale' asks for variations")
                .contains("reprounit.isolation = same_jvm")
                .contains("set reprounit.isolation = forked"));
    }

    @Test
    void badValuesAreErrorsNamingTheSetting() {
        assertThat(Checks.pipelineFailure(Checks.forked().with("reprounit.vary", "locale,moon_phase").run(PriceReport.class)))
                .hasValueSatisfying(failure -> assertThat(failure.getMessage())
                        .contains("reprounit.vary = 'locale,moon_phase' names an unknown variation 'moon_phase'")
                        .contains("time_zone, locale, processors"));
        assertThat(Checks.pipelineFailure(Checks.sameJvm().with("reprounit.isolation", "container").run(PriceReport.class)))
                .hasValueSatisfying(failure -> assertThat(failure.getMessage())
                        .contains("reprounit.isolation = 'container' is not an isolation; use same_jvm or forked"));
        assertThat(Checks.pipelineFailure(Checks.forked().with("reprounit.run.timeout", "2 minutes").run(PriceReport.class)))
                .hasValueSatisfying(failure -> assertThat(failure.getMessage())
                        .contains("reprounit.run.timeout = '2 minutes' is not a positive duration"));
        assertThat(Checks.pipelineFailure(Checks.sameJvm().with("reprounit.replay", "-1").run(PriceReport.class)))
                .hasValueSatisfying(failure -> assertThat(failure.getMessage()).contains("reprounit.replay = '-1'"));
    }

    @Test
    void isolationIsCaseInsensitiveAndTheExamplesPassForked() {
        Events events = Checks.sameJvm().with("reprounit.isolation", "FORKED").with("reprounit.vary", "All")
                .run(PriceReport.class);

        assertThat(Checks.failure(events, "report")).isPresent();
        assertThat(Checks.step(events, "prices").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }
}
