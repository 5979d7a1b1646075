package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Removes checks beyond {@code keep}, then what no remaining run refers to, sparing artifact files younger than
 * {@code minAge}: {@code mvn reprounit:gc [-Dkeep=10] [-DminAge=PT0S]}.
 */
@Mojo(name = "gc", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class GcMojo extends CommandMojo {

    /** Keep only the latest this many checks of each pipeline. Default: keep every check. */
    @Parameter(property = "keep")
    @Nullable Integer keep;

    /**
     * Spare artifact files changed more recently than this ISO-8601 duration (a test running now may need them);
     * {@code PT0S} spares none. Default: {@code PT1H}.
     */
    @Parameter(property = "minAge")
    @Nullable String minAge;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("gc"));
        option(arguments, "--keep", keep);
        option(arguments, "--min-age", minAge);
        return arguments;
    }
}
