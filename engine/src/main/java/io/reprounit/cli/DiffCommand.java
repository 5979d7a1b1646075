package io.reprounit.cli;

import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RunDifference;
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

@Command(name = "diff", description = "Which fingerprint parts and which step outputs differ between two runs, and"
        + " why: a changed part, a different input, or a step that diverged by itself; and which outputs differ in"
        + " their exact bytes only, where normalizers left the difference out of the comparison.")
final class DiffCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
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
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            List<Map<String, @Nullable Object>> json = new ArrayList<>();
            difference.parts().forEach(change -> json.add(Json.object().put("kind", "part")
                    .put("aspect", change.aspect().label()).put("name", change.name())
                    .put("before", value(change.before())).put("after", value(change.after()))
                    .put("explanation", change.describe()).map()));
            difference.steps().forEach(step -> json.add(Json.object().put("kind", "step").put("step", step.step())
                    .put("before", step.outputBefore()).put("after", step.outputAfter())
                    .put("bytesBefore", step.bytesBefore()).put("bytesAfter", step.bytesAfter())
                    .put("bytesOnly", step.bytesOnly()).put("inputs", step.inputs())
                    .put("explanation", step.explanation()).map()));
            out.print(Json.write(json));
            return 0;
        }
        String runs = "Runs " + difference.before().id() + " and " + difference.after().id();
        if (difference.isEmpty()) {
            out.println(runs + " have the same fingerprint parts and the same step outputs.");
            return 0;
        }
        if (difference.differsInBytesOnly()) {
            int n = difference.steps().size();
            out.println(runs + " differ only in the exact bytes of " + n
                    + (n == 1 ? " step's output." : " steps' outputs."));
        } else {
            out.println(runs + ": " + difference.parts().size() + " run-level parts and " + difference.steps().size()
                    + " steps differ.");
        }
        if (!difference.parts().isEmpty()) {
            out.println();
            Table parts = new Table("ASPECT", "PART", "CHANGE");
            difference.parts().forEach(change -> parts.row(change.aspect().label(), change.name(), what(change)));
            out.print(parts.render());
        }
        if (!difference.steps().isEmpty()) {
            out.println();
            Table steps = new Table("STEP", "OUTPUT A", "OUTPUT B", "EXPLANATION");
            difference.steps().forEach(step -> steps.row(step.step(), Formats.digest(step.outputBefore()),
                    Formats.digest(step.outputAfter()), step.explanation()));
            out.print(steps.render());
        }
        return 0;
    }

    private static String what(PartChange change) {
        String described = change.describe();
        return described.startsWith(change.name() + " ") ? described.substring(change.name().length() + 1) : described;
    }

    private static @Nullable String value(@Nullable FingerprintPart part) {
        return part == null ? null : part.value();
    }
}
