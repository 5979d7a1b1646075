package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Why a class cannot be run as a pipeline, with the method at fault where there is one. */
@API(status = INTERNAL, since = "0.1")
public record PipelineProblem(String message, @Nullable Method method) {

    public Optional<Method> source() {
        return Optional.ofNullable(method);
    }
}
