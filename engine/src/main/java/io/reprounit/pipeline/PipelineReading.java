package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What reading a class gave: a valid pipeline, or every problem that keeps it from being one. */
@API(status = INTERNAL, since = "0.1")
public record PipelineReading(@Nullable PipelineDefinition definition, List<PipelineProblem> problems) {

    public PipelineReading {
        problems = List.copyOf(problems);
    }

    public Optional<PipelineDefinition> pipeline() {
        return Optional.ofNullable(definition);
    }
}
