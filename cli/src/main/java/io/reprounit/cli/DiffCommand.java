package io.reprounit.cli;

import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RunDifference;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Which fingerprint parts and which step outputs differ between two runs, and"
        + " why: a changed part, a different input, or a step that diverged by itself; and which outputs differ in"
        + " their exact bytes only, where normalizers left the difference out of the comparison. Each kept output of"
        + " both runs is read, and one whose file is damaged or missing is marked so.")
final class DiffCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run a>", description = "The run before, such as 16.1.")
    String before = "";

    @Parameters(index = "1", paramLabel = "<run b>", description = "The run after, such as 17.1.")
    String after = "";

    @Override
    public Integer call() {
        RunDifference difference;
        try (MetadataStore store = options.open()) {
            difference = store.diff(before, after);
        }
        OutputConditions conditions = new OutputConditions(artifacts.store(options));
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(json(difference, conditions)));
            return 0;
        }
        String runs = "Runs " + difference.before().id() + " and " + difference.after().id();
        if (difference.isEmpty()) {
            out.println(runs + " have the same fingerprint parts and the same step outputs.");
        } else if (difference.differsInBytesOnly()) {
            int n = difference.steps().size();
            out.println(runs + " differ only in the exact bytes of " + n
                    + (n == 1 ? " step's output." : " steps' outputs."));
        } else {
            out.println(runs + ": " + difference.parts().size() + " run-level parts and " + difference.steps().size()
                    + " steps differ.");
        }
        if (!difference.parts().isEmpty()) {
            out.println();
            Table parts = new Table("ASPECT", "PART", "CHANGE").whole("PART");
            difference.parts().forEach(change -> parts.row(change.aspect().label(), change.name(), what(change)));
            out.print(parts.render(options.width()));
        }
        if (!difference.steps().isEmpty()) {
            out.println();
            Table steps = new Table("STEP", "OUTPUT A", "OUTPUT B", "EXPLANATION").whole("STEP");
            difference.steps().forEach(step -> steps.row(step.step(),
                    conditions.digest(difference.before().step(step.step()).orElse(null)),
                    conditions.digest(difference.after().step(step.step()).orElse(null)), step.explanation()));
            out.print(steps.render(options.width()));
        }
        List<String> problems = conditions.problems(difference.before(), difference.after());
        if (!problems.isEmpty()) {
            out.println();
            problems.forEach(out::println);
        }
        return 0;
    }

    /**
     * The differences, then one object of kind {@code artifact} for each output of either run whose file is damaged
     * or missing; {@code artifactBefore} and {@code artifactAfter} say the same of a differing step's outputs.
     */
    private static List<Map<String, @Nullable Object>> json(RunDifference difference, OutputConditions conditions) {
        List<Map<String, @Nullable Object>> json = new ArrayList<>();
        difference.parts().forEach(change -> json.add(Json.object().put("kind", "part")
                .put("aspect", change.aspect().label()).put("name", change.name())
                .put("before", value(change.before())).put("after", value(change.after()))
                .put("explanation", change.describe()).map()));
        difference.steps().forEach(step -> {
            Json.Fields fields = Json.object().put("kind", "step").put("step", step.step())
                    .put("before", step.outputBefore()).put("after", step.outputAfter())
                    .put("bytesBefore", step.bytesBefore()).put("bytesAfter", step.bytesAfter())
                    .put("bytesOnly", step.bytesOnly()).put("inputs", step.inputs())
                    .put("explanation", step.explanation());
            conditions.json(fields, "artifactBefore", difference.before().step(step.step()).orElse(null));
            conditions.json(fields, "artifactAfter", difference.after().step(step.step()).orElse(null));
            json.add(fields.map());
        });
        for (StoredRun run : List.of(difference.before(), difference.after())) {
            for (StoredStep step : run.steps()) {
                ArtifactCondition condition = conditions.of(step);
                if (condition != null && !condition.isIntact()) {
                    json.add(Json.object().put("kind", "artifact").put("run", run.id()).put("step", step.step())
                            .put("digest", condition.digest()).put("state", condition.state().label())
                            .put("problem", condition.problem()).put("file", condition.file().toString()).map());
                }
            }
        }
        return json;
    }

    private static String what(PartChange change) {
        String described = change.describe();
        return described.startsWith(change.name() + " ") ? described.substring(change.name().length() + 1) : described;
    }

    private static @Nullable String value(@Nullable FingerprintPart part) {
        return part == null ? null : part.value();
    }
}
