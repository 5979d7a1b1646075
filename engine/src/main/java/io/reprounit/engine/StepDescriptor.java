package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.StepDefinition;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** A step: a test with a {@link MethodSource}, so that an IDE opens the step's method and can run it alone. */
final class StepDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT_TYPE = "step";

    private final StepDefinition step;

    StepDescriptor(UniqueId uniqueId, Class<?> pipelineClass, StepDefinition step) {
        super(uniqueId, step.name(), MethodSource.from(pipelineClass, step.method()));
        this.step = requireNonNull(step);
    }

    StepDefinition step() {
        return step;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public String getLegacyReportingName() {
        return step.name();
    }
}
