package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The engine's root: its pipelines, and the configuration they were discovered with, which execution reads back. As a
 * node it starts what every check needs before the first, and closes the metadata store after the last.
 */
final class ReproUnitEngineDescriptor extends EngineDescriptor implements Node<ReproUnitExecutionContext> {

    private final ReproUnitConfiguration configuration;
    private @Nullable SharedFiles sharedFiles;

    ReproUnitEngineDescriptor(UniqueId uniqueId, ReproUnitConfiguration configuration) {
        super(uniqueId, "ReproUnit");
        this.configuration = requireNonNull(configuration);
    }

    /** The valid pipelines: a malformed one only fails. */
    List<PipelineDescriptor> pipelines() {
        return getChildren().stream().filter(PipelineDescriptor.class::isInstance).map(PipelineDescriptor.class::cast)
                .toList();
    }

    ReproUnitConfiguration configuration() {
        return configuration;
    }

    /** The files {@code pipeline} must not share with a pipeline checked at the same time. */
    synchronized Set<ExclusiveResource> exclusiveResources(PipelineDescriptor pipeline) {
        if (sharedFiles == null) {
            sharedFiles = SharedFiles.of(pipelines().stream().map(PipelineDescriptor::pipeline).toList(),
                    configuration.baselines().directory());
        }
        return sharedFiles.of(pipeline.pipeline());
    }

    @Override
    public ReproUnitExecutionContext before(ReproUnitExecutionContext context) {
        context.services().checks().prepare(pipelines());
        return context;
    }

    @Override
    public void cleanUp(ReproUnitExecutionContext context) {
        context.services().close();
    }
}
