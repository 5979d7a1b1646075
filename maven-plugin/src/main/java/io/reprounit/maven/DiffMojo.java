package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What differs between two runs, and why: {@code mvn reprounit:diff -Dbefore=16.1 -Dafter=17.1}. */
@Mojo(name = "diff", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class DiffMojo extends CommandMojo {

    /** The run before, such as 16.1. */
    @Parameter(property = "before", required = true)
    @Nullable String before;

    /** The run after, such as 17.1. */
    @Parameter(property = "after", required = true)
    @Nullable String after;

    @Override
    List<String> command() {
        return List.of("diff", String.valueOf(before), String.valueOf(after));
    }
}
