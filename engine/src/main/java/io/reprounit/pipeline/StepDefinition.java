package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Normalization;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** One step of a pipeline: its name, the method that computes it and what each of the method's parameters receives. */
@API(status = INTERNAL, since = "0.1")
public final class StepDefinition {

    private final String name;
    private final Method method;
    private final List<StepArgument> arguments;
    private final Normalization normalization;

    StepDefinition(String name, Method method, List<StepArgument> arguments, Normalization normalization) {
        this.name = requireNonNull(name);
        this.method = requireNonNull(method);
        this.arguments = List.copyOf(arguments);
        this.normalization = requireNonNull(normalization);
    }

    public String name() {
        return name;
    }

    public Method method() {
        return method;
    }

    public boolean isStatic() {
        return Modifier.isStatic(method.getModifiers());
    }

    public List<StepArgument> arguments() {
        return arguments;
    }

    /** What the step's normalizers leave out of, or loosen in, the comparison of its output. */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * The files and directories the step is given through a {@code @Param} of type {@code Path} or {@code File}, as
     * configured (a relative path stays relative), in parameter order: its data sources, digested when it runs.
     */
    public List<Path> dataSources() {
        // A loop, not a stream: the check's thread asks before every step of every run, in a JVM still cold.
        List<Path> sources = new ArrayList<>();
        for (StepArgument argument : arguments) {
            if (argument instanceof StepArgument.Configured configured) {
                if (configured.value() instanceof Path path) {
                    sources.add(path);
                } else if (configured.value() instanceof File file) {
                    sources.add(file.toPath());
                }
            }
        }
        return List.copyOf(sources);
    }

    /** The names of the steps whose outputs this step takes, in parameter order. */
    public List<String> upstream() {
        return arguments.stream()
                .filter(StepArgument.Upstream.class::isInstance)
                .map(argument -> ((StepArgument.Upstream) argument).step())
                .distinct()
                .toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
