package io.reprounit.cli;

import io.reprounit.store.History;
import io.reprounit.store.MetadataStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Each step's output digest over time: the checks where it was first"
        + " recorded, changed, diverged, failed or reproduced again, with their commit, then its latest verdict; and"
        + " where only its exact bytes changed (bytes changed) or started to differ between runs (bytes vary).")
final class HistoryCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Spec @Nullable CommandSpec spec;

    @Parameters(paramLabel = "<pipeline>", description = "The pipeline, by name or class name.")
    String pipeline = "";

    @Option(names = "--step", paramLabel = "<step>", description = "Only this step.")
    @Nullable String step;

    @Option(names = "--limit", paramLabel = "<count>", converter = PositiveCount.class, defaultValue = "50", description = "How many of the"
            + " latest events to show, 1 or more."
            + " Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        History history;
        try (MetadataStore store = options.open()) {
            history = store.history(pipeline, step, limit);
        }
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(history.entries().stream().map(entry -> Json.object().put("id", entry.run())
                    .put("check", entry.check()).put("started", entry.started()).put("commit", entry.commit())
                    .put("step", entry.step()).put("event", entry.event()).put("verdict", entry.verdict())
                    .put("output", entry.output()).put("bytesDigest", entry.bytes()).map()).toList()));
            return 0;
        }
        out.println(Formats.text(history.pipeline()) + ": " + history.checks() + " checks recorded"
                + (history.earlierEvents() > 0 ? "; " + history.earlierEvents() + " earlier events not shown"
                        + " (--limit)" : ""));
        Table table = new Table("CHECK", "STARTED", "COMMIT", "STEP", "EVENT", "VERDICT", "OUTPUT")
                .whole("CHECK", "STEP");
        history.entries().forEach(entry -> table.row(entry.check(), Formats.time(entry.started()),
                Formats.commit(entry.commit()), entry.step(), entry.event(), entry.verdict(),
                Formats.digest(entry.output())));
        out.print(table.render(options.width()));
        return 0;
    }
}
