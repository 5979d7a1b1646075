package io.reprounit.pipeline;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Problems collected while reading one class, each prefixed with the pipeline it belongs to and, where it is about a
 * method, ending with the method's place in its source file as a stack trace shows it, which IDEs turn into a link.
 */
final class PipelineProblems {

    private final Class<?> pipelineClass;
    private final List<PipelineProblem> list = new ArrayList<>();
    private final Map<Class<?>, SourceLines> sources = new HashMap<>();
    private final boolean located;

    /** @param located whether problems end with their method's source line, read from the class file with ASM */
    PipelineProblems(Class<?> pipelineClass, boolean located) {
        this.pipelineClass = pipelineClass;
        this.located = located;
    }

    void add(@Nullable Method method, String message) {
        String location = method == null ? "" : lines(method).location(method).map(at -> "\n\tat " + at).orElse("");
        list.add(new PipelineProblem("Pipeline " + pipelineClass.getName() + " cannot run: " + message + location, method));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The problems of the class first, then those of its methods in the order of the source. */
    List<PipelineProblem> list() {
        List<PipelineProblem> ordered = new ArrayList<>(list);
        ordered.sort(Comparator.comparingInt(problem -> problem.source()
                .map(method -> lines(method).firstLine(method).orElse(Integer.MAX_VALUE)).orElse(-1)));
        return ordered;
    }

    SourceLines lines(Method method) {
        return located ? sources.computeIfAbsent(method.getDeclaringClass(), SourceLines::of) : SourceLines.NONE;
    }
}
