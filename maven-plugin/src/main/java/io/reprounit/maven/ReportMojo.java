package io.reprounit.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One self-contained HTML page of every pipeline's reproducibility over its latest checks:
 * {@code mvn reprounit:report [-Dreprounit.report.output=…] [-Dlast=…] [-Dforce]}.
 */
@Mojo(name = "report", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class ReportMojo extends CommandMojo {

    /** Where to write the page. Default: {@code target/reprounit-report.html} in the project. */
    @Parameter(property = "reprounit.report.output", defaultValue = "${project.build.directory}/reprounit-report.html")
    @Nullable File output;

    /** How many of each pipeline's latest checks to show. Default: 50. */
    @Parameter(property = "last")
    @Nullable Integer last;

    /** Replace the file even where it is not a ReproUnit report. */
    @Parameter(property = "force", defaultValue = "false")
    boolean force;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("report"));
        option(arguments, "--output", output);
        option(arguments, "--last", last);
        if (force) {
            arguments.add("--force");
        }
        return arguments;
    }
}
