package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The engine's root: its pipelines, and the configuration they were discovered with, which execution reads back. */
final class ReproUnitEngineDescriptor extends EngineDescriptor {

    private final ReproUnitConfiguration configuration;

    ReproUnitEngineDescriptor(UniqueId uniqueId, ReproUnitConfiguration configuration) {
        super(uniqueId, "ReproUnit");
        this.configuration = requireNonNull(configuration);
    }

    ReproUnitConfiguration configuration() {
        return configuration;
    }
}
