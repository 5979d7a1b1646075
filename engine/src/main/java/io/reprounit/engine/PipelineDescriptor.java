package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.pipeline.PipelineDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** Skipped, with its steps, where a recorded check of another pipeline is what this execution compares with. */
    @Override
    public SkipResult shouldBeSkipped(ReproUnitExecutionContext context) {
        return context.services().checks().skipReason(pipeline).map(SkipResult::skip)
                .orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public ReproUnitExecutionContext before(ReproUnitExecutionContext context) {
        return context.with(context.services().checks().check(this));
    }

    /**
     * Registers, as a dynamic test before the selected steps are reported, each step that was not selected but made
     * the check fail: the culprit upstream of a step run alone, as an IDE does. Its selected step alone would only be
     * aborted as tainted, or pass, and the run would be green with the culprit only in the store.
     */
    @Override
    public ReproUnitExecutionContext execute(ReproUnitExecutionContext context, DynamicTestExecutor dynamicTests) {
        if (context.checked().isEmpty()) {
            return context;
        }
        Set<String> selected = getChildren().stream().map(child -> ((StepDescriptor) child).step().name())
                .collect(Collectors.toSet());
        for (StepVerdict verdict : context.checked().get().verdicts()) {
            if (!selected.contains(verdict.step()) && isCulprit(verdict.verdict())) {
                StepDescriptor culprit = new StepDescriptor(getUniqueId().append(StepDescriptor.SEGMENT_TYPE,
                        verdict.step()), pipeline.pipelineClass(), pipeline.step(verdict.step()).orElseThrow());
                addChild(culprit);
                dynamicTests.execute(culprit);
            }
        }
        return context;
    }

    private static boolean isCulprit(Verdict verdict) {
        return verdict == Verdict.DIVERGED || verdict == Verdict.CHANGED || verdict == Verdict.FAILED;
    }

    @Override
    public void after(ReproUnitExecutionContext context) throws Exception {
        if (context.checked().isPresent()) {
            CheckedPipeline checked = context.checked().get();
            context.services().summary().print(pipeline.name(), checked.verdicts(), checked.notes(),
                    checked.pipelineFailure());
            checked.finish();
        }
    }
}
