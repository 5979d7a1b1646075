package io.reprounit.cli;

import io.reprounit.store.CheckSummary;
import io.reprounit.store.MetadataStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "The latest checks, newest first: when, which pipeline and commit, the verdict"
        + " and the culprit step. Their runs are named <check>.<run>, such as 17.2.")
final class RunsCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Spec @Nullable CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "<pipeline>", description = "Only this pipeline (name or class name).")
    @Nullable String pipeline;

    @Option(names = "--limit", paramLabel = "<count>", converter = PositiveCount.class, defaultValue = "20", description = "How many checks to"
            + " list, 1 or more. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        List<CheckSummary> checks;
        try (MetadataStore store = options.open()) {
            checks = store.checks(pipeline, limit);
        }
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(checks.stream().map(check -> Json.object().put("id", Long.toString(check.id()))
                    .put("started", check.started()).put("finished", check.finished()).put("pipeline", check.pipeline())
                    .put("commit", check.commit()).put("mode", check.mode()).put("verdict", check.outcome())
                    .put("culprit", check.culprit()).put("runs", check.runs()).map()).toList()));
            return 0;
        }
        if (checks.isEmpty()) {
            out.println("No checks recorded" + (pipeline == null ? "" : " of " + Formats.text(pipeline)) + " yet.");
            return 0;
        }
        Table table = new Table("CHECK", "STARTED", "PIPELINE", "COMMIT", "VERDICT", "CULPRIT", "RUNS")
                .whole("CHECK", "PIPELINE", "CULPRIT", "RUNS");
        checks.forEach(check -> table.row(check.id(), Formats.time(check.started()), check.pipeline(),
                Formats.commit(check.commit()), check.outcome(), check.culprit(), String.join(" ", check.runs())));
        out.print(table.render(options.width()));
        return 0;
    }
}
