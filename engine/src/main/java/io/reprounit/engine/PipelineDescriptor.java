package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.PipelineDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A pipeline: a container with a {@link ClassSource}, so that Surefire counts its steps and an IDE opens its class. Its
 * children are the selected steps. As a node, {@link #before} runs its check and {@link #after} records it once its
 * steps are reported; pipelines may be checked in parallel, except those that share files (see
 * {@link ReproUnitEngineDescriptor#exclusiveResources}).
 */
final class PipelineDescriptor extends AbstractTestDescriptor implements Node<ReproUnitExecutionContext> {

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
        List<String> order = pipeline.steps().stream().map(step -> step.name()).toList();
        orderChildren(children -> {
            List<TestDescriptor> sorted = new ArrayList<>(children);
            sorted.sort(Comparator.comparingInt(child -> order.indexOf(((StepDescriptor) child).step().name())));
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

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }

    @Override
    public Set<ExclusiveResource> getExclusiveResources() {
        return getParent().map(parent -> ((ReproUnitEngineDescriptor) parent).exclusiveResources(this))
                .orElse(Set.of());
    }

    @Override
    public ReproUnitExecutionContext before(ReproUnitExecutionContext context) {
        return context.with(context.services().checks().check(this));
    }

    @Override
    public void after(ReproUnitExecutionContext context) throws Exception {
        if (context.checked().isPresent()) {
            context.checked().get().finish();
        }
    }
}
