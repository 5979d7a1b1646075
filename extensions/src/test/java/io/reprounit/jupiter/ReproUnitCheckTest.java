package io.reprounit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.jupiter.fixtures.BrokenPipeline;
import io.reprounit.jupiter.fixtures.FailingPipeline;
import io.reprounit.jupiter.fixtures.FlakyPipeline;
import io.reprounit.jupiter.fixtures.ScaledPipeline;
import io.reprounit.jupiter.fixtures.StablePipeline;
import org.junit.jupiter.api.Test;

class ReproUnitCheckTest {

    @Test
    void givesEveryStepsVerdictDigestsAndPartsInTopologicalOrder() {
        PipelineCheck check = ReproUnit.check(StablePipeline.class);

        assertThat(check.isReproducible()).isTrue();
        assertThat(check.stepNames()).containsExactly("load", "train", "evaluate");
        assertThat(check.runs()).hasSize(2);
        StepCheck train = check.step("train").orElseThrow();
        assertThat(train.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(train.outputDigests()).hasSize(2).allSatisfy(digest -> assertThat(digest).isEqualTo(train.outputDigest()));
        assertThat(train.outputDigest()).hasValueSatisfying(digest -> assertThat(digest).matches("sha256:[0-9a-f]{64}"));
        assertThat(train.fingerprint().parts(Aspect.CODE)).isNotEmpty();
        assertThat(train.fingerprint().parts(Aspect.CONFIG)).isNotEmpty();
        assertThat(check.runFingerprint().parts(Aspect.ENVIRONMENT)).isNotEmpty();
        assertThat(train.changedAspects()).isEmpty();
    }

    @Test
    void findsTheStepThatDivergedAndTheStepsItTainted() {
        PipelineCheck check = ReproUnit.check(FlakyPipeline.class, CheckOptions.defaults().runs(3).withoutFingerprints());

        assertThat(check.runs()).hasSize(3);
        assertThat(check.steps()).extracting(StepCheck::name, StepCheck::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("load", Verdict.REPRODUCED),
                org.assertj.core.groups.Tuple.tuple("split", Verdict.DIVERGED),
                org.assertj.core.groups.Tuple.tuple("train", Verdict.TAINTED));
        assertThat(check.step("train").orElseThrow().culprits()).containsExactly("split");
        assertThat(check.toString()).isEqualTo("FlakyPipeline (3 runs): load REPRODUCED, split DIVERGED, train TAINTED");
    }

    @Test
    void reportsAStepThatThrewAndTheStepsThatCouldNotRun() {
        PipelineCheck check = ReproUnit.check(FailingPipeline.class, CheckOptions.defaults().withoutFingerprints());

        assertThat(check.step("load").orElseThrow().failure()).containsInstanceOf(IllegalStateException.class);
        assertThat(check.step("train").orElseThrow().verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(check.step("train").orElseThrow().outputDigest()).isEmpty();
    }

    @Test
    void refusesVariationsInOneJvmNamingTheSettingsAsTheEngineDoes() {
        assertThatThrownBy(() -> ReproUnit.check(StablePipeline.class, CheckOptions.defaults()
                .isolation(io.reprounit.api.Isolation.SAME_JVM).vary(io.reprounit.api.Variation.LOCALE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reprounit.vary = 'locale' asks for variations")
                .hasMessageContaining("set reprounit.isolation = forked");
    }

    @Test
    void throwsListingEveryProblemOfAMalformedPipeline() {
        assertThatThrownBy(() -> ReproUnit.check(BrokenPipeline.class))
                .isInstanceOf(MalformedPipelineException.class)
                .hasMessageStartingWith(BrokenPipeline.class.getName() + " is not a valid pipeline (2 problems):\n  - ")
                .hasMessageContaining("step 'serve' returns java.lang.Thread, which cannot be compared")
                .hasMessageContaining("step 'train' takes @Input(\"lod\"), but there is no step named 'lod'")
                .satisfies(e -> assertThat(((MalformedPipelineException) e).problems()).hasSize(2));
    }

    @Test
    void refusesAClassThatIsNotAPipeline() {
        assertThatThrownBy(() -> ReproUnit.check(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String is not a pipeline: a pipeline is a concrete, named class annotated with"
                        + " @io.reprounit.api.ReproducibleRun");
    }

    @Test
    void refusesFewerThanTwoRuns() {
        assertThatThrownBy(() -> CheckOptions.defaults().runs(1))
                .hasMessage("A check compares at least 2 runs, not 1");
    }

    @Test
    void takesTheDefaultNumberOfRunsFromTheSettingAsTheEngineDoes() {
        System.setProperty("reprounit.runs", "3");
        try {
            assertThat(ReproUnit.check(ScaledPipeline.class).runs()).hasSize(3);
        } finally {
            System.clearProperty("reprounit.runs");
        }
        assertThat(ReproUnit.check(ScaledPipeline.class).runs()).hasSize(2);
    }

    @Test
    void readsParameterOverridesAsTheEngineDoes() {
        String configured = ReproUnit.check(ScaledPipeline.class).step("scale").orElseThrow().outputDigest().orElseThrow();
        System.setProperty("reprounit.param.ScaledPipeline.scale.factor", "5");
        try {
            StepCheck scaled = ReproUnit.check(ScaledPipeline.class).step("scale").orElseThrow();
            assertThat(scaled.outputDigest()).isPresent().isNotEqualTo(java.util.Optional.of(configured));
        } finally {
            System.clearProperty("reprounit.param.ScaledPipeline.scale.factor");
        }
    }
}
