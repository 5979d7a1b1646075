package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** The latest checks, newest first: {@code mvn reprounit:runs [-Dpipeline=…] [-Dlimit=…]}. */
@Mojo(name = "runs", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class RunsMojo extends CommandMojo {

    /** Only this pipeline (name or class name). */
    @Parameter(property = "pipeline")
    @Nullable String pipeline;

    /** How many checks to list. Default: 20. */
    @Parameter(property = "limit")
    @Nullable Integer limit;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("runs"));
        if (pipeline != null) {
            arguments.add(pipeline);
        }
        option(arguments, "--limit", limit);
        return arguments;
    }

    @Override
    boolean takesArtifacts() {
        return false;
    }
}
