package io.reprounit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A forked JVM reads the pipeline from the step methods the test JVM found ({@link PipelineReader#readSteps}): the
 * same definition as discovery's, by the same rules, and a problem where a method is no longer a step.
 */
class ReadStepsTest {

    @ReproducibleRun
    static class Prices {
        @Step
        static List<Integer> load() {
            return List.of(3, 1, 2);
        }

        @Step("sum")
        static int total(@Input("load") List<Integer> prices, java.util.Random random) {
            return prices.stream().mapToInt(Integer::intValue).sum();
        }

        static int helper() {
            return 0;
        }
    }

    @ReproducibleRun
    static class Unconfigured {
        @Step
        static int scaled(@Param("factor") int factor) {
            return factor;
        }
    }

    private final PipelineReader reader = new PipelineReader(2, type -> Optional.empty());

    @Test
    void theStepMethodsDiscoveryFoundMakeTheSamePipeline() throws Exception {
        PipelineDefinition discovered = reader.read(Prices.class).pipeline().orElseThrow();

        List<Method> methods = new ArrayList<>(discovered.steps().stream().map(StepDefinition::method).toList());
        Collections.reverse(methods); // in any order: the pipeline orders its steps itself

        PipelineDefinition read = reader.readSteps(Prices.class, methods).pipeline().orElseThrow();

        assertThat(read.steps()).extracting(StepDefinition::name).containsExactly("load", "sum");
        assertThat(read.steps()).extracting(StepDefinition::method)
                .isEqualTo(discovered.steps().stream().map(StepDefinition::method).toList());
        assertThat(read.step("sum").orElseThrow().arguments()).isEqualTo(discovered.step("sum").orElseThrow().arguments());
        assertThat(read.name()).isEqualTo(discovered.name());
        assertThat(read.runs()).isEqualTo(discovered.runs());
    }

    @Test
    void aMethodThatIsNotAStepIsAProblemWithoutASourceLine() throws Exception {
        Method helper = Prices.class.getDeclaredMethod("helper");

        PipelineReading reading = reader.readSteps(Prices.class, List.of(helper));

        assertThat(reading.pipeline()).isEmpty();
        assertThat(reading.problems()).extracting(PipelineProblem::message).containsExactly("Pipeline "
                + Prices.class.getName() + " cannot run: helper() is not annotated with @Step");
    }

    @Test
    void theStepsAreReadByDiscoverysRules() throws Exception {
        PipelineReading reading = reader.readSteps(Unconfigured.class,
                List.of(Unconfigured.class.getDeclaredMethod("scaled", int.class)));

        assertThat(reading.pipeline()).isEmpty();
        assertThat(reading.problems()).extracting(PipelineProblem::message)
                .isEqualTo(reader.read(Unconfigured.class).problems().stream().map(PipelineProblem::message)
                        .map(message -> message.replaceAll("\n\tat .*", "")).toList());
    }
}
