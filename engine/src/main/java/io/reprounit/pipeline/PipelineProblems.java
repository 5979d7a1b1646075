package io.reprounit.pipeline;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Problems collected while reading one class, each prefixed with the pipeline it belongs to. */
final class PipelineProblems {

    private final Class<?> pipelineClass;
    private final List<PipelineProblem> list = new ArrayList<>();

    PipelineProblems(Class<?> pipelineClass) {
        this.pipelineClass = pipelineClass;
    }

    void add(@Nullable Method method, String message) {
        list.add(new PipelineProblem("Pipeline " + pipelineClass.getName() + " cannot run: " + message, method));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<PipelineProblem> list() {
        return list;
    }
}
