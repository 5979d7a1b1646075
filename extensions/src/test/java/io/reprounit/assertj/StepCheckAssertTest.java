package io.reprounit.assertj;

import static io.reprounit.assertj.ReproUnitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.jupiter.StepCheck;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Every step assertion passes where it holds and, where it does not, fails with a message that shows both sides. */
class StepCheckAssertTest {

    private static final String SPLIT_DIVERGED = "step 'split' is not reproducible: its inputs were identical in all 2"
            + " runs, but it gave 2 different outputs";

    @Test
    void reproduced() {
        assertThat(Checks.STABLE).step("load").reproduced();

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("split").reproduced())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("%nExpecting step 'split' to be REPRODUCED, but it was DIVERGED:%n  "
                        + SPLIT_DIVERGED, new Object[0])
                .satisfies(e -> assertSides(e, "DIVERGED", "REPRODUCED"));
    }

    @Test
    void diverged() {
        assertThat(Checks.FLAKY).step("split").diverged();
        assertThat(Checks.DIVERGED_FROM_BASELINE).step("train").diverged()
                .hasExplanationContaining("although its code, config, data and environment are as recorded");

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("load").diverged())
                .hasMessageStartingWith("%nExpecting step 'load' to be DIVERGED, but it was REPRODUCED:%n  step"
                        + " 'load' gave the same output in all 2 runs: sha256:", new Object[0]);
    }

    @Test
    void tainted() {
        assertThat(Checks.FLAKY).step("train").tainted();

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("split").tainted())
                .hasMessageStartingWith("%nExpecting step 'split' to be TAINTED, but it was DIVERGED:", new Object[0]);
    }

    @Test
    void taintedBy() {
        assertThat(Checks.FLAKY).step("train").taintedBy("split");

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("train").taintedBy("load"))
                .hasMessageStartingWith("%nExpecting step 'train' to be tainted by [load], but it names [split]:%n"
                        + "  step 'train' was fed a different", new Object[0])
                .satisfies(e -> assertSides(e, "[split]", "[load]"));
    }

    @Test
    void changed() {
        assertThat(Checks.CODE_CHANGED).step("train").changed();

        assertThatThrownBy(() -> assertThat(Checks.CODE_CHANGED).step("evaluate").changed())
                .hasMessageStartingWith("%nExpecting step 'evaluate' to be CHANGED, but it was REPRODUCED:%n  step"
                        + " 'evaluate' matches its baseline", new Object[0]);
    }

    @Test
    void changedBy() {
        assertThat(Checks.CODE_CHANGED).step("train").changedBy(Aspect.CODE)
                .hasExplanationContaining("because code of step train changed");

        assertThatThrownBy(() -> assertThat(Checks.CODE_CHANGED).step("train").changedBy(Aspect.CONFIG, Aspect.CODE))
                .hasMessage("%nExpecting step 'train' to be changed by [code, config], but what changed was [code]:"
                        + "%n  " + explanation(Checks.CODE_CHANGED.step("train").orElseThrow()), new Object[0])
                .satisfies(e -> assertSides(e, "[code]", "[code, config]"));
    }

    @Test
    void changedByFailsOnAStepThatDidNotChange() {
        assertThatThrownBy(() -> assertThat(Checks.DIVERGED_FROM_BASELINE).step("train").changedBy(Aspect.DATA))
                .hasMessageStartingWith("%nExpecting step 'train' to be CHANGED by [data], but it was DIVERGED:%n"
                        + "  step 'train' gave a different output than its baseline", new Object[0])
                .satisfies(e -> assertSides(e, "DIVERGED", "CHANGED"));
    }

    @Test
    void changedByNeedsAnAspect() {
        assertThatThrownBy(() -> assertThat(Checks.CODE_CHANGED).step("train").changedBy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name at least one aspect: code, config, environment or data");
    }

    @Test
    void failed() {
        assertThat(Checks.FAILING).step("load").failed().failedWith(IllegalStateException.class);

        assertThatThrownBy(() -> assertThat(Checks.FAILING).step("train").failed())
                .hasMessage("%nExpecting step 'train' to be FAILED, but it was NOT_RUN:%n  step 'train' did not run:"
                        + " it needs the output of step 'load', which failed", new Object[0]);
    }

    @Test
    void failedWith() {
        assertThatThrownBy(() -> assertThat(Checks.FAILING).step("load").failedWith(ArithmeticException.class))
                .hasMessage("%nExpecting step 'load' to fail with a java.lang.ArithmeticException, but it threw%n"
                        + "  java.lang.IllegalStateException: data/iris.csv is missing", new Object[0])
                .satisfies(e -> assertSides(e, "java.lang.IllegalStateException", "java.lang.ArithmeticException"));
    }

    @Test
    void notRun() {
        assertThat(Checks.FAILING).step("train").notRun();

        assertThatThrownBy(() -> assertThat(Checks.FAILING).step("load").notRun())
                .hasMessageStartingWith("%nExpecting step 'load' to be NOT_RUN, but it was FAILED:", new Object[0]);
    }

    @Test
    void hasVerdict() {
        assertThat(Checks.FLAKY).step("split").hasVerdict(Verdict.DIVERGED);

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("split").hasVerdict(Verdict.CHANGED))
                .satisfies(e -> assertSides(e, "DIVERGED", "CHANGED"));
    }

    @Test
    void hasOutputDigest() {
        StepCheck train = Checks.STABLE.step("train").orElseThrow();
        String digest = train.outputDigest().orElseThrow();
        assertThat(train).hasOutputDigest(digest).hasOutputDigest(digest.substring("sha256:".length(), 19 + 12));

        assertThatThrownBy(() -> assertThat(train).hasOutputDigest(Checks.OLDER_OUTPUT))
                .hasMessage("%nExpecting step 'train' to have output digest%n  " + Checks.OLDER_OUTPUT
                        + "%nbut it was%n  " + digest, new Object[0])
                .satisfies(e -> assertSides(e, digest, Checks.OLDER_OUTPUT));
    }

    @Test
    void hasOutputDigestOnAStepWithoutOutput() {
        assertThatThrownBy(() -> assertThat(Checks.FAILING).step("train").hasOutputDigest(Checks.OLDER_OUTPUT))
                .hasMessage("%nExpecting step 'train' to have output digest%n  " + Checks.OLDER_OUTPUT + "%nbut it"
                        + " gave no output (NOT_RUN):%n  step 'train' did not run: it needs the output of step"
                        + " 'load', which failed", new Object[0]);
    }

    @Test
    void hasOutputDigestRefusesAShortFormThatCouldNameAnything() {
        assertThatThrownBy(() -> assertThat(Checks.STABLE).step("train").hasOutputDigest("sha256:88d5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sha256:88d5' is too short to name an output; give at least 12 hex digits");
    }

    @Test
    void hasExplanationContaining() {
        assertThat(Checks.FLAKY).step("split").hasExplanationContaining("is not reproducible");

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).step("split").hasExplanationContaining("unseeded Random"))
                .hasMessageStartingWith("%nExpecting the explanation of step 'split'%n  " + SPLIT_DIVERGED,
                        new Object[0])
                .hasMessageEndingWith("%nto contain%n  unseeded Random", new Object[0])
                .satisfies(e -> assertSides(e, explanation(Checks.FLAKY.step("split").orElseThrow()),
                        "unseeded Random"));
    }

    private static String explanation(StepCheck step) {
        return step.explanation();
    }

    /** An IDE's diff view shows these: the actual value on one side, the expected on the other. */
    private static void assertSides(Throwable failure, String actual, String expected) {
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        AssertionFailedError error = (AssertionFailedError) failure;
        assertThat(error.getActual().getStringRepresentation()).isEqualTo(actual);
        assertThat(error.getExpected().getStringRepresentation()).isEqualTo(expected);
    }
}
