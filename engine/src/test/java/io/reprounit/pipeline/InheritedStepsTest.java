package io.reprounit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Steps come from the class and its superclasses; an overridden step counts once, as its override says. */
class InheritedStepsTest {

    @ReproducibleRun
    static class Base {
        @Step
        static String load() {
            return "rows";
        }

        @Step
        String clean(@Input("load") String rows) {
            return rows.strip();
        }

        @Step
        String retired(@Input("load") String rows) {
            return rows;
        }
    }

    @ReproducibleRun
    static class Derived extends Base {
        @Override
        @Step
        String clean(@Input("load") String rows) {
            return rows.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        String retired(String rows) { // overridden without @Step: no longer a step, as Jupiter treats @Test
            return rows;
        }

        @Step
        int count(@Input("clean") String rows) {
            return rows.length();
        }
    }

    @Test
    void stepsOfSuperclassesAreFoundAndAnOverrideReplacesWhatItOverrides() {
        PipelineDefinition pipeline = new PipelineReader(2, type -> Optional.empty()).read(Derived.class).pipeline()
                .orElseThrow();

        assertThat(pipeline.steps()).extracting(StepDefinition::name).containsExactlyInAnyOrder("load", "clean", "count");
        assertThat(pipeline.step("clean").orElseThrow().method().getDeclaringClass()).isEqualTo(Derived.class);
        assertThat(pipeline.step("load").orElseThrow().method().getDeclaringClass()).isEqualTo(Base.class);
    }
}
