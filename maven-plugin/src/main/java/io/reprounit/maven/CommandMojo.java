package io.reprounit.maven;

import io.reprounit.cli.ReproUnitCli;
import io.reprounit.cli.Terminal;
import io.reprounit.store.StoreLocation;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * A goal that runs the command line's command of the same name, in Maven's JVM, over the store of the project: the
 * command line's own parsing, checks and output, so that a goal and a command never differ. Its lines go to Maven's
 * log; its exit status 1 fails the build, and a usage mistake (status 2) is reported as a configuration error.
 */
abstract class CommandMojo extends AbstractMojo {

    /** Maven's {@code [INFO] } before every line, which the tables leave room for on a terminal. */
    private static final int LOG_PREFIX = "[INFO] ".length();

    /** Where the default store is looked for: the git working tree holding it, as the tests' own runs do. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    @Nullable File basedir;

    /**
     * The metadata store, as {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://<host>:<port>/<database>}.
     * Default: {@code .reprounit/metadata.db} at the root of the git working tree that holds the project, or in the
     * project's directory outside git: where its tests record.
     */
    @Parameter(property = "store")
    @Nullable String store;

    /** The artifact store, where the tests set {@code reprounit.artifacts.dir}. Default: artifacts beside the database. */
    @Parameter(property = "artifacts")
    @Nullable File artifacts;

    /**
     * The S3 bucket that keeps every artifact, as {@code s3://bucket/prefix}, where the tests set
     * {@code reprounit.artifacts.url}; {@code artifacts} is then its local cache. Credentials come from the AWS SDK's
     * default chain. Default: none.
     */
    @Parameter(property = "reprounit.artifacts.url")
    @Nullable String artifactsUrl;

    /** The endpoint of an S3-compatible server, as {@code reprounit.artifacts.s3.endpoint}. Default: AWS's. */
    @Parameter(property = "reprounit.artifacts.s3.endpoint")
    @Nullable String s3Endpoint;

    /** The bucket's region, as {@code reprounit.artifacts.s3.region}. Default: the AWS SDK's, else us-east-1. */
    @Parameter(property = "reprounit.artifacts.s3.region")
    @Nullable String s3Region;

    /** {@code true} to address the bucket as {@code http://host/bucket}, as {@code reprounit.artifacts.s3.path-style}. */
    @Parameter(property = "reprounit.artifacts.s3.path-style")
    @Nullable String s3PathStyle;

    /** Print JSON for scripts instead of a table. */
    @Parameter(property = "json", defaultValue = "false")
    boolean json;

    /** Fit tables to this many columns. Default: the terminal's width less Maven's prefix, else 100. */
    @Parameter(property = "width")
    @Nullable Integer width;

    /** The command's name and its own arguments, as on the command line. */
    abstract List<String> command();

    /**
     * Whether the command reads the artifact store, and so takes its options: the S3 ones are set once for a whole
     * project (as the same properties the tests read), so a command that reads no artifact must not be handed them.
     */
    boolean takesArtifacts() {
        return true;
    }

    /** Adds {@code option value} to {@code arguments} where {@code value} is given. */
    static void option(List<String> arguments, String option, @Nullable Object value) {
        if (value != null) {
            arguments.add(option);
            arguments.add(value.toString());
        }
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        List<String> arguments = new ArrayList<>(command());
        arguments.add("--store");
        arguments.add(store != null ? store : StoreLocation.defaultUrl(requireBasedir().toPath()));
        option(arguments, "--artifacts", artifacts);
        if (takesArtifacts()) {
            option(arguments, "--artifacts-url", artifactsUrl);
            option(arguments, "--s3-endpoint", s3Endpoint);
            option(arguments, "--s3-region", s3Region);
            option(arguments, "--s3-path-style", s3PathStyle);
        }
        if (json) {
            arguments.add("--json");
        }
        Integer columns = width != null ? width
                : Terminal.columns().isPresent() ? Integer.valueOf(Terminal.columns().getAsInt() - LOG_PREFIX) : null;
        option(arguments, "--width", columns);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = run(arguments, out, err);
        out.toString().lines().forEach(getLog()::info);
        String errors = err.toString().strip();
        if (status == 0) {
            errors.lines().forEach(getLog()::warn);
            return;
        }
        String command = String.join(" ", arguments);
        if (status == 2) {
            throw new MojoExecutionException("reprounit " + command + ": " + errors);
        }
        throw new MojoFailureException(errors.isEmpty() ? "reprounit " + command + " exited with status " + status
                : errors);
    }

    /**
     * The command line, with this plugin's class loader as the thread's: JDBC finds the SQLite driver through it, and
     * Maven's core class loader does not see the plugin's jars.
     */
    private static int run(List<String> arguments, StringWriter out, StringWriter err) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CommandMojo.class.getClassLoader());
        try {
            return ReproUnitCli.run(arguments.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private File requireBasedir() {
        if (basedir == null) {
            throw new IllegalStateException("Maven sets ${project.basedir}");
        }
        return basedir;
    }
}
