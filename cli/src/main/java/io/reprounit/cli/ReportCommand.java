package io.reprounit.cli;

import io.reprounit.report.ReportException;
import io.reprounit.report.ReproducibilityReport;
import io.reprounit.store.MetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "One self-contained HTML page of every pipeline's latest checks: a matrix of checks and steps by"
        + " verdict, each step's divergence rate, where it first diverged or changed and its exact bytes began to vary,"
        + " its duration over time, and what differs between checks. It opens from disk and fetches nothing.")
final class ReportCommand implements Callable<Integer> {

    static final String DEFAULT_OUTPUT = "reprounit-report.html";

    @Mixin StoreOptions options = new StoreOptions();
    /** Read by no part of the report (it shows digests, not outputs); taken so that every goal takes the same options. */
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    @Option(names = "--output", paramLabel = "<file>", defaultValue = DEFAULT_OUTPUT, description = "Where to write"
            + " the page. Default: ${DEFAULT-VALUE} in the working directory.")
    Path output = Path.of(DEFAULT_OUTPUT);

    @Option(names = "--last", paramLabel = "<count>", converter = PositiveCount.class, defaultValue = "50",
            description = "How many of each pipeline's latest checks to show, 1 or more. Default: ${DEFAULT-VALUE}.")
    int last;

    @Option(names = "--force", description = "Replace the file even where it is not a ReproUnit report.")
    boolean force;

    @Override
    public Integer call() {
        Path file = output.toAbsolutePath();
        List<String> pipelines;
        PrintWriter out = ReproUnitCli.out(spec);
        try (MetadataStore store = options.open()) {
            pipelines = store.pipelines();
            ReproducibilityReport.write(store, last, file, force);
        } catch (ReportException e) {
            out.flush();
            spec().commandLine().getErr().println("reprounit: " + Formats.text(String.valueOf(e.getMessage())));
            return 1;
        }
        if (options.json) {
            out.print(Json.write(Json.object().put("report", file.toString()).put("last", last)
                    .put("pipelines", pipelines).map()));
            return 0;
        }
        out.println("Wrote the report of " + pipelines.size() + (pipelines.size() == 1 ? " pipeline" : " pipelines")
                + " (each one's latest " + last + " checks) to " + file);
        return 0;
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("picocli injects the command spec");
        }
        return spec;
    }
}
