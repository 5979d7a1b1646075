package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Each step's output digest over time, with the checks where it changed, diverged or reproduced again:
 * {@code mvn reprounit:history -Dpipeline=… [-Dstep=…] [-Dlimit=…]}.
 */
@Mojo(name = "history", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class HistoryMojo extends CommandMojo {

    /** The pipeline, by name or class name. */
    @Parameter(property = "pipeline", required = true)
    @Nullable String pipeline;

    /** Only this step. */
    @Parameter(property = "step")
    @Nullable String step;

    /** How many of the latest events to show. Default: 50. */
    @Parameter(property = "limit")
    @Nullable Integer limit;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("history", String.valueOf(pipeline)));
        option(arguments, "--step", step);
        option(arguments, "--limit", limit);
        return arguments;
    }

    @Override
    boolean takesArtifacts() {
        return false;
    }
}
