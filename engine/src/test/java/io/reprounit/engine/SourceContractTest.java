package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.pipelineId;
import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.chain.Chain;
import io.reprounit.engine.fixtures.config.Named;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** What IDEs and build tools rely on: ids, types, sources and reporting names of pipelines and steps. */
class SourceContractTest {

    @Test
    void theEngineIsReprounit() {
        TestDescriptor engine = ReproUnitKit.discover(selectClass(WordCount.class)).getEngineDescriptor();

        assertThat(engine.getUniqueId()).isEqualTo(UniqueId.forEngine("reprounit"));
        assertThat(new ReproUnitTestEngine().getId()).isEqualTo("reprounit");
    }

    @Test
    void aPipelineIsAContainerWithAClassSourceAndItsClassNameForReports() {
        TestDescriptor pipeline = onlyPipeline(WordCount.class);

        assertThat(pipeline.getUniqueId().toString())
                .isEqualTo("[engine:reprounit]/[pipeline:io.reprounit.engine.fixtures.simple.WordCount]");
        assertThat(pipeline.getType()).isEqualTo(TestDescriptor.Type.CONTAINER);
        assertThat(pipeline.getSource()).contains(ClassSource.from(WordCount.class));
        assertThat(pipeline.getLegacyReportingName()).isEqualTo("io.reprounit.engine.fixtures.simple.WordCount");
        assertThat(pipeline.getDisplayName()).isEqualTo("WordCount");
    }

    @Test
    void aStepIsATestWithTheMethodSourceOfItsMethod() {
        TestDescriptor pipeline = onlyPipeline(WordCount.class);

        assertThat(pipeline.getChildren()).allSatisfy(step -> assertThat(step.getType())
                .isEqualTo(TestDescriptor.Type.TEST));
        TestDescriptor counts = child(pipeline, stepId(WordCount.class, "counts"));
        assertThat(counts.getUniqueId().toString()).isEqualTo(
                "[engine:reprounit]/[pipeline:io.reprounit.engine.fixtures.simple.WordCount]/[step:counts]");
        assertThat(counts.getDisplayName()).isEqualTo("counts");
        assertThat(counts.getSource()).get().isInstanceOfSatisfying(MethodSource.class, source -> {
            assertThat(source.getClassName()).isEqualTo(WordCount.class.getName());
            assertThat(source.getMethodName()).isEqualTo("counts");
            assertThat(source.getMethodParameterTypes()).isEqualTo(List.class.getName());
        });
        assertThat(child(pipeline, stepId(WordCount.class, "noise")).getSource())
                .contains(MethodSource.from(WordCount.class.getName(), "noise", Random.class.getName()));
    }

    @Test
    void aStepNamedOtherwiseThanItsMethodHasItsNameInTheIdAndItsMethodAsSource() {
        TestDescriptor pipeline = onlyPipeline(Named.class);

        assertThat(pipeline.getChildren()).singleElement().satisfies(step -> {
            assertThat(step.getUniqueId()).isEqualTo(stepId(Named.class, "labelled"));
            assertThat(step.getSource()).get().isInstanceOfSatisfying(MethodSource.class,
                    source -> assertThat(source.getMethodName()).isEqualTo("label"));
        });
    }

    @Test
    void stepsAreInTopologicalOrderWhateverTheSourceOrder() {
        TestDescriptor pipeline = onlyPipeline(Chain.class);

        assertThat(pipeline.getChildren()).extracting(TestDescriptor::getUniqueId).containsExactly(
                stepId(Chain.class, "first"), stepId(Chain.class, "second"), stepId(Chain.class, "third"));
    }

    private static TestDescriptor onlyPipeline(Class<?> pipelineClass) {
        TestDescriptor engine = ReproUnitKit.discover(selectClass(pipelineClass)).getEngineDescriptor();
        assertThat(engine.getChildren()).singleElement()
                .satisfies(child -> assertThat(child.getUniqueId()).isEqualTo(pipelineId(pipelineClass)));
        return engine.getChildren().iterator().next();
    }

    private static TestDescriptor child(TestDescriptor parent, UniqueId id) {
        return parent.getChildren().stream().filter(c -> c.getUniqueId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + id + " in " + parent.getChildren()));
    }
}
