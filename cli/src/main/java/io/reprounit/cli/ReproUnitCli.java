package io.reprounit.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.CorruptedArtifactException;
import io.reprounit.store.StoreException;
import java.io.PrintWriter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The {@code reprounit} command line over the metadata store. A problem with the store or the arguments is one line that
 * says what to do, with exit status 1 (2 for a usage error), never a stack trace.
 */
@Command(name = "reprounit", mixinStandardHelpOptions = true, version = "ReproUnit 0.1.0",
        description = "Reads the checks that ReproUnit recorded: when a step stopped reproducing, and what changed.",
        subcommands = {RunsCommand.class, HistoryCommand.class, ShowCommand.class, DiffCommand.class,
                OutputCommand.class, VerifyCommand.class, GcCommand.class, ReproduceCommand.class,
                ReportCommand.class})
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReproUnitCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    @Nullable CommandSpec spec;

    private ReproUnitCli() {}

    /** Without a command: the usage, and the status of a usage error. */
    @Override
    public Integer call() {
        if (spec != null) {
            spec.commandLine().usage(spec.commandLine().getErr());
        }
        return 2;
    }

    public static void main(String[] args) {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ReproUnitCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            if (exception instanceof StoreException || exception instanceof CorruptedArtifactException) {
                failed.getErr().println("reprounit: " + Formats.text(String.valueOf(exception.getMessage())));
                return 1;
            }
            throw exception;
        });
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static PrintWriter out(@Nullable CommandSpec spec) {
        if (spec == null) {
            throw new IllegalStateException("picocli injects the command spec");
        }
        return spec.commandLine().getOut();
    }
}
