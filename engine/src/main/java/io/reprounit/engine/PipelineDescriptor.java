package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.PipelineDefinition;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A pipeline: a container with a {@link ClassSource}, so that Surefire counts its steps and an IDE opens its class. Its
 * children are the selected steps.
 */
final class PipelineDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT_TYPE = "pipeline";

    private final PipelineDefinition pipeline;

    PipelineDescriptor(UniqueId uniqueId, PipelineDefinition pipeline) {
        super(uniqueId, pipeline.name(), ClassSource.from(pipeline.pipelineClass()));
        this.pipeline = requireNonNull(pipeline);
    }

    static UniqueId uniqueId(UniqueId engineId, Class<?> pipelineClass) {
        return engineId.append(SEGMENT_TYPE, pipelineClass.getName());
    }

    PipelineDefinition pipeline() {
        return pipeline;
    }

    /** Steps in the order they run, whatever order they were selected in. */
    void orderStepsTopologically() {
        java.util.List<String> order = pipeline.steps().stream().map(step -> step.name()).toList();
        orderChildren(children -> {
            java.util.List<org.junit.platform.engine.TestDescriptor> sorted = new java.util.ArrayList<>(children);
            sorted.sort(java.util.Comparator.comparingInt(child -> order.indexOf(((StepDescriptor) child).step().name())));
            return sorted;
        });
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** The fully qualified class name: Surefire reports show the simple name otherwise. */
    @Override
    public String getLegacyReportingName() {
        return pipeline.pipelineClass().getName();
    }
}
