package io.reprounit.cli;

import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "A run's steps with the output digest of each; where normalizers left something out of an"
        + " output, the digest of its exact bytes as well; where the artifact store keeps each output, or why it does"
        + " not; the data sources each step read and what the artifact store kept of them (data snapshots);"
        + " then the run's fingerprint parts, the jars on the class path counted unless --parts lists them. Each"
        + " kept output is read, and one whose file is damaged or missing is marked so.")
final class ShowCommand implements Callable<Integer> {

    /** The prefix of the parts that fingerprint each jar on the class path: a hundred of them in a real project. */
    private static final String JAR = "jar:";

    @Mixin StoreOptions options = new StoreOptions();
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    @Parameters(paramLabel = "<run id>", description = "A run, such as 17.2; a check id such as 17 means its first run.")
    String run = "";

    @Option(names = "--parts", description = "List every fingerprint part, each jar on the class path included.")
    boolean allParts;

    @Override
    public Integer call() {
        StoredRun stored;
        try (MetadataStore store = options.open()) {
            stored = store.run(run);
        }
        OutputConditions conditions = new OutputConditions(artifacts.store(options));
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(json(stored, conditions)));
            return 0;
        }
        int width = options.width();
        out.println(Formats.text("Run " + stored.id() + " of " + stored.pipeline() + ": " + stored.status() + ", "
                + stored.mode() + ", started " + Formats.time(stored.started()) + ", commit "
                + Formats.commit(stored.commit()) + (stored.host() == null ? "" : ", host " + stored.host())));
        out.println();
        out.print(stored.steps().isEmpty() ? "No step was recorded: the run did not finish.\n"
                : steps(stored, conditions, width));
        String kept = kept(stored, width);
        if (!kept.isEmpty()) {
            out.println();
            out.println("Outputs in the artifact store:");
            out.print(kept);
        }
        String snapshots = snapshots(stored, width);
        if (!snapshots.isEmpty()) {
            out.println();
            out.println("Data snapshots:");
            out.print(snapshots);
        }
        out.println();
        out.print(parts(stored.fingerprint().parts(), allParts, width));
        List<String> problems = conditions.problems(stored);
        if (!problems.isEmpty()) {
            out.println();
            problems.forEach(out::println);
        }
        return 0;
    }

    /** The run-level parts; unless {@code all}, the jars on the class path as one line that counts them. */
    private static String parts(List<FingerprintPart> parts, boolean all, int width) {
        if (parts.isEmpty()) {
            return "No run-level fingerprint parts.\n";
        }
        Table table = new Table("ASPECT", "PART", "VALUE", "DIGEST").whole("PART");
        List<FingerprintPart> jars = all ? List.of()
                : parts.stream().filter(part -> part.name().startsWith(JAR)).toList();
        parts.stream().filter(part -> all || !part.name().startsWith(JAR)).forEach(part -> table.row(part.aspect().label(),
                part.name(), part.value(), Formats.digest(part.digest())));
        if (!jars.isEmpty()) {
            table.row(jars.get(0).aspect().label(), JAR + "*", jars.size() + (jars.size() == 1 ? " jar" : " jars")
                    + " on the class path (--parts lists them)", null);
        }
        return table.render(width);
    }

    /**
     * Per output, where the artifact store keeps it (the JSON has the whole location) and in what form, or why it does
     * not keep it.
     */
    private static String kept(StoredRun run, int width) {
        Table kept = new Table("STEP", "KEPT", "STORED BYTES", "WHERE, OR WHY NOT").whole("STEP");
        for (StoredStep step : run.steps()) {
            if (step.output() == null) {
                continue;
            }
            if (step.keptAt() != null) {
                kept.row(step.step(), step.codec(), step.storedSize() == null ? null
                        : String.format("%,d", step.storedSize()), step.keptAt());
            } else {
                kept.row(step.step(), "no", null, "not kept: " + (step.notKept() != null ? step.notKept()
                        : "no reason was recorded"));
            }
        }
        return kept.isEmpty() ? "" : kept.render(width);
    }

    /**
     * Per data source of each step: its kind, size and digest, and whether the artifact store keeps it, so that a run
     * whose data cannot be restored says so.
     */
    private static String snapshots(StoredRun run, int width) {
        Table table = new Table("STEP", "SOURCE", "KIND", "SIZE", "DIGEST", "KEPT").whole("STEP", "SOURCE");
        for (StoredStep step : run.steps()) {
            for (DataSnapshot snapshot : step.dataSnapshots()) {
                table.row(step.step(), snapshot.name(), snapshot.kind() == DataSnapshot.Kind.DIRECTORY
                        ? "directory of " + snapshot.files() : snapshot.kind().label(),
                        snapshot.kind() == DataSnapshot.Kind.MISSING || snapshot.digest() == null ? null
                                : String.format("%,d", snapshot.size()),
                        snapshot.digest() == null ? null : Formats.digest(snapshot.digest()), kept(snapshot));
            }
        }
        return table.isEmpty() ? "" : table.render(width);
    }

    private static String kept(DataSnapshot snapshot) {
        if (snapshot.kind() == DataSnapshot.Kind.MISSING) {
            return "missing when the step ran";
        }
        if (snapshot.kept()) {
            return "yes";
        }
        return io.reprounit.fingerprint.Fingerprinter.SNAPSHOTS_OFF.equals(snapshot.notKept())
                ? "not kept (" + snapshot.notKept() + ")" : "not kept: " + snapshot.notKept();
    }

    /**
     * One row per step. The column of exact-bytes digests is there only where some step's output was normalized, since
     * elsewhere it would repeat the output column.
     */
    private static String steps(StoredRun run, OutputConditions conditions, int width) {
        boolean normalized = run.steps().stream().anyMatch(StoredStep::isNormalized);
        List<String> headers = new java.util.ArrayList<>(List.of("STEP", "STATUS", "VERDICT", "OUTPUT"));
        if (normalized) {
            headers.add("EXACT BYTES");
        }
        headers.addAll(List.of("SIZE", "MILLIS", "PARTS"));
        Table steps = new Table(headers.toArray(String[]::new)).whole("STEP");
        for (StoredStep step : run.steps()) {
            List<@Nullable Object> row = new java.util.ArrayList<>(List.of(step.step(), step.cachedFrom() == null
                    ? step.status() : "CACHED (check " + step.cachedFrom() + ")"));
            row.add(step.verdict());
            row.add(conditions.digest(step));
            if (normalized) {
                row.add(step.isNormalized() ? Formats.digest(step.bytes()) : step.bytes() != null ? "same" : null);
            }
            row.add(step.size());
            row.add(step.durationNanos() / 1_000_000);
            row.add(step.fingerprint().parts().size());
            steps.row(row.toArray());
        }
        return steps.render(width);
    }

    private static Map<String, @Nullable Object> json(StoredRun run, OutputConditions conditions) {
        return Json.object().put("id", run.id()).put("pipeline", run.pipeline()).put("status", run.status())
                .put("mode", run.mode()).put("started", run.started()).put("finished", run.finished())
                .put("commit", run.commit()).put("host", run.host()).put("parts", parts(run.fingerprint().parts()))
                .put("steps", run.steps().stream().map(step -> json(step, conditions)).toList())
                .put("config", run.configText()).map();
    }

    /** {@code artifact} is {@code intact}, {@code damaged} or {@code missing} for a kept output, null otherwise. */
    private static Map<String, @Nullable Object> json(StoredStep step, OutputConditions conditions) {
        Json.Fields fields = Json.object().put("step", step.step()).put("status", step.status())
                .put("verdict", step.verdict()).put("output", step.output()).put("bytesDigest", step.bytes())
                .put("size", step.size()).put("mediaType", step.mediaType())
                .put("durationNanos", step.durationNanos()).put("problem", step.problem())
                .put("keptAt", step.keptAt()).put("codec", step.codec()).put("storedSize", step.storedSize())
                .put("notKept", step.output() != null && step.keptAt() == null ? step.notKept() : null)
                .put("cachedFrom", step.cachedFrom());
        conditions.json(fields, "artifact", step);
        return fields.put("inputs", new java.util.TreeMap<>(step.inputs()))
                .put("dataSnapshots", step.dataSnapshots().stream().map(ShowCommand::json).toList())
                .put("parts", parts(step.fingerprint().parts())).map();
    }

    private static Map<String, @Nullable Object> json(DataSnapshot snapshot) {
        return Json.object().put("name", snapshot.name()).put("kind", snapshot.kind().label())
                .put("digest", snapshot.digest()).put("size", snapshot.size()).put("files", snapshot.files())
                .put("kept", snapshot.kept()).put("notKept", snapshot.notKept()).map();
    }

    static List<Map<String, @Nullable Object>> parts(List<FingerprintPart> parts) {
        return parts.stream().map(part -> Json.object().put("aspect", part.aspect().label()).put("name", part.name())
                .put("value", part.value()).put("digest", part.digest()).map()).toList();
    }
}
