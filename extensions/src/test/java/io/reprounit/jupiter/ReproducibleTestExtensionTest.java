package io.reprounit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.jupiter.fixtures.DivergingMethod;
import io.reprounit.jupiter.fixtures.DuplicateNameMethod;
import io.reprounit.jupiter.fixtures.NullRecordingMethod;
import io.reprounit.jupiter.fixtures.NullThenValueMethod;
import io.reprounit.jupiter.fixtures.PerClassLifecycleMethod;
import io.reprounit.jupiter.fixtures.RenamingMethod;
import io.reprounit.jupiter.fixtures.ReproducingMethod;
import io.reprounit.jupiter.fixtures.SilentMethod;
import io.reprounit.jupiter.fixtures.ThreeRunsMethod;
import io.reprounit.jupiter.fixtures.ThrowingMethod;
import io.reprounit.jupiter.fixtures.UnsupportedOutputMethod;
import io.reprounit.jupiter.fixtures.WithoutOutputsMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ReproducibleTestExtensionTest {

    @Test
    void runsTheMethodOncePerRunOnAFreshInstanceAndPassesWhenEveryOutputReproduces() {
        List<RunOutcome> outcomes = RunOutcome.of(ReproducingMethod.class);

        assertThat(outcomes).extracting(RunOutcome::name, RunOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("run 1 of 2", "SUCCESSFUL"),
                        org.assertj.core.groups.Tuple.tuple("run 2 of 2", "SUCCESSFUL"));
    }

    @Test
    void runsAsOftenAsAsked() {
        assertThat(RunOutcome.of(ThreeRunsMethod.class)).extracting(RunOutcome::name)
                .containsExactly("run 1 of 3", "run 2 of 3", "run 3 of 3");
    }

    @Test
    void publishesTheDigestOfEveryOutput() {
        var results = RunOutcome.execute(ThreeRunsMethod.class);

        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow()
                        .getKeyValuePairs())
                .filter(entries -> entries.keySet().stream().anyMatch(key -> key.startsWith("reprounit.output."))))
                .hasSize(3)
                .allSatisfy(entries -> assertThat(entries).containsKey("reprounit.output.answer.digest")
                        .containsEntry("reprounit.output.answer.size", "9"));
    }

    @Test
    void failsTheRunWhoseOutputDiffersNamingTheOutputAndShowingBothSides() {
        List<RunOutcome> outcomes = RunOutcome.of(DivergingMethod.class);

        assertThat(outcomes.get(0).status()).isEqualTo("SUCCESSFUL");
        RunOutcome second = outcomes.get(1);
        assertThat(second.status()).isEqualTo("FAILED");
        assertThat(second.thrown()).isInstanceOf(AssertionFailedError.class);
        assertThat(second.message())
                .startsWith("output 'model' differs between runs: it is not reproducible (run 1: ")
                .contains(", run 2: ")
                .endsWith("; 'loss' also differs");
        AssertionFailedError failure = (AssertionFailedError) second.thrown();
        assertThat(failure.getExpected().getStringRepresentation())
                .startsWith("sha256:").endsWith(" (15 bytes)\n" + "weights: 0.5, " + firstCallOf(failure));
        assertThat(failure.getActual().getStringRepresentation())
                .endsWith("weights: 0.5, " + (firstCallOf(failure) + 1));
    }

    @Test
    void comparesEachOutputAfterItsNormalizersAndNamesThemWhenItStillDiffers() {
        RunOutcome second = RunOutcome.of(io.reprounit.jupiter.fixtures.NormalizedOutputsMethod.class).get(1);

        assertThat(second.status()).isEqualTo("FAILED");
        assertThat(second.message()).as("the report and the weights agree; only the loss is beyond its tolerance")
                .startsWith("output 'loss' differs between runs: it is not reproducible (run 1: ")
                .contains("; output[0] differs by a relative ")
                .contains("beyond @Tolerance(relative = 1.0E-9)")
                .endsWith("(compared after its normalizers: @Tolerance(relative = 1.0E-9))");
    }

    /** The counter is static, so the fixture's first call in this JVM is not necessarily 1. */
    private static int firstCallOf(AssertionFailedError failure) {
        String expected = failure.getExpected().getStringRepresentation();
        return Integer.parseInt(expected.substring(expected.lastIndexOf(' ') + 1));
    }

    @Test
    void failsWithWhatTheMethodThrewAndSkipsTheRunsThatWouldHaveNothingToCompareWith() {
        List<RunOutcome> outcomes = RunOutcome.of(ThrowingMethod.class);

        assertThat(outcomes.get(0).status()).isEqualTo("FAILED");
        assertThat(outcomes.get(0).thrown()).isInstanceOf(IllegalStateException.class)
                .hasMessage("training data is missing");
        assertThat(outcomes.get(1).status()).isEqualTo("SKIPPED");
        assertThat(outcomes.get(1).skipReason()).isEqualTo("run 1 threw, so run 2 would have nothing to compare with");
    }

    @Test
    void failsARunThatRecordsNothing() {
        List<RunOutcome> outcomes = RunOutcome.of(SilentMethod.class);

        assertThat(outcomes.get(0).status()).isEqualTo("FAILED");
        assertThat(outcomes.get(0).thrown()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Run 1 of 2 recorded no outputs, so there is nothing to compare between runs: pass what the"
                        + " test produced to outputs.record(name, value)");
        assertThat(outcomes.get(1).skipReason())
                .isEqualTo("run 1 recorded no outputs, so run 2 would have nothing to compare with");
    }

    @Test
    void treatsNullAsAValueThatReproduces() {
        assertThat(RunOutcome.of(NullRecordingMethod.class)).extracting(RunOutcome::status)
                .containsExactly("SUCCESSFUL", "SUCCESSFUL");
    }

    @Test
    void showsNullAgainstTheValueWhenOnlyOneRunRecordedNull() {
        List<RunOutcome> outcomes = RunOutcome.of(NullThenValueMethod.class);
        // The fixture alternates with a static counter: which run gets null depends on how often it ran before.
        RunOutcome second = outcomes.get(1);

        assertThat(second.status()).isEqualTo("FAILED");
        assertThat(second.message()).startsWith("output 'bestModel' differs between runs");
        AssertionFailedError failure = (AssertionFailedError) second.thrown();
        assertThat(List.of(failure.getExpected().getStringRepresentation(),
                failure.getActual().getStringRepresentation()))
                .anySatisfy(side -> assertThat(side).endsWith(" (1 bytes)\nnull"))
                .anySatisfy(side -> assertThat(side).endsWith(" (6 bytes)\ntree-7"));
    }

    @Test
    void failsWhereAnOutputOfAnUnsupportedTypeIsRecordedNamingTheOutputAndItsType() {
        List<RunOutcome> outcomes = RunOutcome.of(UnsupportedOutputMethod.class);

        assertThat(outcomes.get(0).status()).isEqualTo("FAILED");
        assertThat(outcomes.get(0).thrown()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Output 'model' (a " + UnsupportedOutputMethod.OpaqueModel.class.getName() + ") cannot be"
                        + " compared between runs: field refresher of " + UnsupportedOutputMethod.OpaqueModel.class.getName()
                        + ": java.lang.Thread is a running thing, not a value; return what it computes instead");
    }

    @Test
    void failsARunThatRecordsOtherOutputsThanTheFirst() {
        RunOutcome second = RunOutcome.of(RenamingMethod.class).get(1);

        assertThat(second.status()).isEqualTo("FAILED");
        assertThat(second.message()).matches("Run 2 recorded other outputs than run 1: it did not record '(metrics"
                + "|scores)', and it recorded '(metrics|scores)', which run 1 did not");
        AssertionFailedError failure = (AssertionFailedError) second.thrown();
        assertThat(failure.getExpected().getStringRepresentation()).isIn("[metrics, model]", "[model, scores]");
        assertThat(failure.getActual().getStringRepresentation()).isIn("[metrics, model]", "[model, scores]")
                .isNotEqualTo(failure.getExpected().getStringRepresentation());
    }

    @Test
    void refusesToRecordTheSameNameTwiceInOneRun() {
        assertThat(RunOutcome.of(DuplicateNameMethod.class).get(0).message())
                .isEqualTo("Output 'model' was already recorded in this run; give each output its own name");
    }

    @Test
    void refusesATestClassWhoseRunsWouldShareOneInstance() {
        var results = RunOutcome.execute(PerClassLifecycleMethod.class);

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(containerFailure(results)).contains("@TestInstance(PER_CLASS)")
                .contains("every run gets a fresh instance");
    }

    @Test
    void refusesAMethodWithoutAnOutputsParameter() {
        var results = RunOutcome.execute(WithoutOutputsMethod.class);

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(containerFailure(results)).isEqualTo("@ReproducibleTest WithoutOutputsMethod.cannotHandAnythingOver"
                + " has no Outputs parameter, so it cannot hand over what it produced; declare one and call"
                + " outputs.record(name, value)");
    }

    private static String containerFailure(org.junit.platform.testkit.engine.EngineExecutionResults results) {
        return results.containerEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .findFirst().orElse("(no container failed)");
    }
}
