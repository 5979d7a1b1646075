package io.reprounit.pipeline;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What reading a class gave: a valid pipeline, or every problem that keeps it from being one. */
public record PipelineReading(@Nullable PipelineDefinition definition, List<PipelineProblem> problems) {

    public PipelineReading {
        problems = List.copyOf(problems);
    }

    public Optional<PipelineDefinition> pipeline() {
        return Optional.ofNullable(definition);
    }
}
