package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.StepDefinition;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A step: a test with a {@link MethodSource}, so that an IDE opens the step's method and can run it alone. As a node it
 * runs nothing: it reports the verdict its pipeline's check gave it, on the pipeline's thread.
 */
final class StepDescriptor extends AbstractTestDescriptor implements Node<ReproUnitExecutionContext> {

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

    /** Reported one after another, in the order they ran, after their pipeline's check. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public SkipResult shouldBeSkipped(ReproUnitExecutionContext context) {
        return StepReporter.skipReason(context.verdict(this)).map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public ReproUnitExecutionContext execute(ReproUnitExecutionContext context, DynamicTestExecutor dynamicTestExecutor)
            throws Exception {
        context.services().steps().report(this, context.verdict(this), context.checked().orElseThrow()
                .entries(step().name()));
        return context;
    }
}
