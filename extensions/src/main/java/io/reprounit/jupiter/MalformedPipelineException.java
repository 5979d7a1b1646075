package io.reprounit.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.pipeline.PipelineProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A class that {@link ReproUnit#check} cannot run as a pipeline. The message lists every problem, as the engine reports
 * them at discovery, so that one failure shows everything there is to fix.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MalformedPipelineException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<PipelineProblem> problems;

    MalformedPipelineException(Class<?> pipelineClass, List<PipelineProblem> problems) {
        super(pipelineClass.getName() + " is not a valid pipeline (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):\n" + problems.stream()
                        .map(problem -> "  - " + problem.message()
                                + problem.source().map(method -> " [" + method.getName() + "()]").orElse(""))
                        .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the pipeline reader found them. */
    public List<PipelineProblem> problems() {
        return problems;
    }
}
