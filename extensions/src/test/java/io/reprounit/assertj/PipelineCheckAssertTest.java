package io.reprounit.assertj;

import static io.reprounit.assertj.ReproUnitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Every pipeline assertion passes where it holds and, where it does not, fails with a message that shows both sides. */
class PipelineCheckAssertTest {

    private static final String SPLIT_DIVERGED = "step 'split' is not reproducible: its inputs were identical in all 2"
            + " runs, but it gave 2 different outputs";

    @Test
    void isReproducible() {
        assertThat(Checks.STABLE).isReproducible();

        assertThatThrownBy(() -> assertThat(Checks.FLAKY).isReproducible())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("%nExpecting pipeline FlakyPipeline to be reproducible, but 2 steps were"
                        + " not:%n  - split DIVERGED: " + SPLIT_DIVERGED, new Object[0])
                .hasMessageContaining("  - train TAINTED: step 'train' was fed a different @Input(\"split\")")
                .satisfies(e -> assertSides(e, "load=REPRODUCED, split=DIVERGED, train=TAINTED",
                        "load=REPRODUCED, split=REPRODUCED, train=REPRODUCED"));
    }

    @Test
    void isNotReproducible() {
        assertThat(Checks.FLAKY).isNotReproducible();

        assertThatThrownBy(() -> assertThat(Checks.STABLE).isNotReproducible())
                .hasMessage("%nExpecting pipeline StablePipeline not to be reproducible, but every step reproduced:%n"
                        + "  load=REPRODUCED, train=REPRODUCED, evaluate=REPRODUCED", new Object[0]);
    }

    @Test
    void hasSteps() {
        assertThat(Checks.STABLE).hasSteps("load", "train", "evaluate");

        assertThatThrownBy(() -> assertThat(Checks.STABLE).hasSteps("train", "load", "evaluate"))
                .hasMessage("%nExpecting pipeline StablePipeline to have steps%n  [train, load, evaluate]%nin this"
                        + " order, but it has%n  [load, train, evaluate]", new Object[0])
                .satisfies(e -> assertSides(e, "[load, train, evaluate]", "[train, load, evaluate]"));
    }

    @Test
    void step() {
        assertThat(Checks.STABLE).step("train").reproduced();

        assertThatThrownBy(() -> assertThat(Checks.STABLE).step("trian"))
                .hasMessage("%nExpecting pipeline StablePipeline to have a step named 'trian', but its steps are"
                        + " [load, train, evaluate]", new Object[0]);
    }

    @Test
    void describedAsInAssertJ() {
        assertThatThrownBy(() -> assertThat(Checks.FLAKY).as("nightly check").isReproducible())
                .hasMessageStartingWith("[nightly check] ");
    }

    /** An IDE's diff view shows these: the actual value on one side, the expected on the other. */
    private static void assertSides(Throwable failure, String actual, String expected) {
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        AssertionFailedError error = (AssertionFailedError) failure;
        assertThat(error.getActual().getStringRepresentation()).isEqualTo(actual);
        assertThat(error.getExpected().getStringRepresentation()).isEqualTo(expected);
    }
}
