package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A run's steps with their outputs, then its fingerprint parts: {@code mvn reprounit:show -Drun=17.2 [-Dparts]}. */
@Mojo(name = "show", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class ShowMojo extends CommandMojo {

    /** A run, such as 17.2; a check id such as 17 means its first run. */
    @Parameter(property = "run", required = true)
    @Nullable String run;

    /** List every fingerprint part, each jar on the class path included. */
    @Parameter(property = "parts", defaultValue = "false")
    boolean parts;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("show", String.valueOf(run)));
        if (parts) {
            arguments.add("--parts");
        }
        return arguments;
    }
}
