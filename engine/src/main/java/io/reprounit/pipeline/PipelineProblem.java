package io.reprounit.pipeline;

import java.lang.reflect.Method;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Why a class cannot be run as a pipeline, with the method at fault where there is one. */
public record PipelineProblem(String message, @Nullable Method method) {

    public Optional<Method> source() {
        return Optional.ofNullable(method);
    }
}
