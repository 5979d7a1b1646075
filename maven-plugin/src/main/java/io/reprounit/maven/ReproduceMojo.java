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
 * Runs a recorded check's pipeline again at the commit it was recorded at, against the recorded check, and says per step
 * whether it reproduced: {@code mvn reprounit:reproduce -Dcheck=17}. The build fails where a step did not reproduce.
 */
@Mojo(name = "reproduce", requiresProject = false, aggregator = true, threadSafe = true)
@API(status = INTERNAL, since = "0.1")
public final class ReproduceMojo extends CommandMojo {

    /** The recorded check, as {@code reprounit:runs} prints its id. */
    @Parameter(property = "check", required = true)
    @Nullable String check;

    /** The git repository the check was recorded in. Default: the git working tree holding the project. */
    @Parameter(property = "repository")
    @Nullable File repository;

    /** Maven's executable for the build in the checkout. Default: MAVEN_HOME's or M2_HOME's bin/mvn, else mvn. */
    @Parameter(property = "maven")
    @Nullable String maven;

    /** Arguments added to that build's command line, such as {@code -s,settings.xml} (comma-separated). */
    @Parameter(property = "mavenArgs")
    @Nullable List<String> mavenArgs;

    /** Keep the checkout and the build's log. */
    @Parameter(property = "keep", defaultValue = "false")
    boolean keep;

    @Override
    List<String> command() {
        List<String> arguments = new ArrayList<>(List.of("reproduce", String.valueOf(check)));
        option(arguments, "--repository", repository != null ? repository : basedir);
        option(arguments, "--maven", maven);
        if (mavenArgs != null) {
            mavenArgs.forEach(argument -> arguments.add("--maven-arg=" + argument));
        }
        if (keep) {
            arguments.add("--keep");
        }
        return arguments;
    }
}
