package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Prints a step's stored output, or saves it: {@code mvn reprounit:output -Drun=17.2 -Dstep=train [-Dfile=…]}. */
@Mojo(name = "output", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class OutputMojo extends CommandMojo {

    /** A run, such as 17.2; a check id such as 17 means its first run. */
    @Parameter(property = "run", required = true)
    @Nullable String run;

    /** The step whose output to print or save. */
    @Parameter(property = "step", required = true)
    @Nullable String step;

    /** Save the output to this file, whole, instead of printing it. */
    @Parameter(property = "file")
    @Nullable File file;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("output", String.valueOf(run), String.valueOf(step)));
        option(arguments, "-o", file);
        return arguments;
    }
}
