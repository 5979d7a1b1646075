package io.reprounit.engine;

import io.reprounit.pipeline.PipelineProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A class that cannot be a pipeline, kept as a container that fails with its problems, as Jupiter keeps an invalid test
 * class: it fails on its own, and every other pipeline and engine still runs. A critical discovery issue would stop the
 * whole module instead ({@code Tests run: 0}). None of its code runs.
 */
final class MalformedPipelineDescriptor extends AbstractTestDescriptor implements Node<ReproUnitExecutionContext> {

    private final Class<?> pipelineClass;
    private final String problems;

    MalformedPipelineDescriptor(UniqueId uniqueId, Class<?> pipelineClass, List<PipelineProblem> problems) {
        super(uniqueId, pipelineClass.getSimpleName(), ClassSource.from(pipelineClass));
        this.pipelineClass = pipelineClass;
        this.problems = problems.stream().map(problem -> problem.message() + problem.source()
                        .map(method -> " (at " + pipelineClass.getName() + "." + method.getName() + ")").orElse(""))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Kept, though it has no tests: the platform prunes a container that neither has nor may register any. */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    /** The fully qualified class name, as for a valid pipeline, so that Surefire reports the failure under it. */
    @Override
    public String getLegacyReportingName() {
        return pipelineClass.getName();
    }

    @Override
    public ReproUnitExecutionContext before(ReproUnitExecutionContext context) {
        throw new MalformedPipelineException(problems);
    }

    /** What is wrong with the class, and where; a stack trace would point into the engine, not at the user's code. */
    static final class MalformedPipelineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPipelineException(String message) {
            super(message, null, false, false);
        }
    }
}
