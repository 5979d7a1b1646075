package io.reprounit.cli;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.store.DataSnapshots;
import io.reprounit.store.DifferingParts;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreLocation;
import io.reprounit.store.StoredCheck;
import io.reprounit.store.StoredStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Runs a recorded check's pipeline again at the commit it was recorded at: checks the commit out"
        + " into a temporary clone of the repository, restores the data snapshots, builds the pipeline's module with"
        + " Maven and runs its test with the recorded overrides, compared with the recorded check"
        + " (reprounit.against=check:<id>); then says per step whether it reproduced, and every fingerprint part that"
        + " differs. Exit status 0 where every step reproduced, 1 where one did not or the build recorded no check, 2"
        + " where the check cannot be reproduced (unknown, not in git, a secret among its overrides).")
final class ReproduceCommand implements Callable<Integer> {

    /** Lines of the build's log quoted when it recorded no check. */
    private static final int TAIL = 30;

    @Mixin StoreOptions options = new StoreOptions();
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    @Parameters(paramLabel = "<check id>", description = "The recorded check, as `runs` and `history` print its id.")
    String check = "";

    @Option(names = "--repository", paramLabel = "<dir>", description = "The git repository the check was recorded"
            + " in. Default: the git working tree holding the working directory.")
    @Nullable Path repository;

    @Option(names = "--maven", paramLabel = "<executable>", description = "Maven's executable. Default: bin/mvn of"
            + " MAVEN_HOME or M2_HOME where set, else mvn on the PATH.")
    @Nullable String maven;

    @Option(names = "--maven-arg", paramLabel = "<arg>", description = "An argument added to Maven's command line,"
            + " such as -s for a settings file or -P for a profile; repeat it for each (--maven-arg=-Pgpu).")
    List<String> mavenArguments = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the checkout and the build's log; by default they are deleted at"
            + " the end (the log is kept where the build recorded no check).")
    boolean keep;

    @Override
    public Integer call() {
        PrintWriter out = ReproUnitCli.out(spec);
        try {
            return reproduce(out);
        } catch (ReproduceRefusal refusal) {
            err().println("reprounit: " + Formats.text(String.valueOf(refusal.getMessage())));
            return 2;
        }
    }

    private int reproduce(PrintWriter out) {
        long id = checkId(check);
        String url = StoreLocation.absoluteUrl(options.url()).orElseThrow(() -> new ReproduceRefusal("The metadata"
                + " store " + StoreLocation.shown(options.url()) + " is in memory, where the build that reproduces the check cannot"
                + " record into it: name a store file with --store."));
        ArtifactStore artifactStore = artifacts.store(options);
        RecordedCheck recorded;
        Set<Long> earlier;
        try (MetadataStore store = options.open()) {
            recorded = RecordedCheck.of(recordedCheck(store, id));
            earlier = new HashSet<>(store.checksAgainst(id));
        }
        Path repositoryDirectory = Checkout.workTree(repository != null ? repository : Path.of(""));
        Path temporary = temporaryDirectory(id);
        Path checkout = temporary.resolve("checkout");
        Path log = temporary.resolve("maven.log");
        boolean keepLog = false;
        try {
            Checkout.clone(repositoryDirectory, recorded.commit(), checkout);
            Path module = PipelineModule.locate(checkout, recorded.pipelineClass());
            DataSnapshots.Restored restored;
            try (MetadataStore store = options.open()) {
                restored = store.restoreData(recorded.run(), artifactStore, module);
            }
            Path top = ReproductionBuild.topProject(checkout, module);
            StoreLocation.HandedOn handedOn = StoreLocation.handedOn(url); // a password goes by the environment
            List<String> command = ReproductionBuild.command(ReproductionBuild.executable(maven, System.getenv()),
                    PipelineModule.relative(top, module), recorded, handedOn.url(), artifactStore.root(), mavenArguments);
            if (!options.json) {
                out.println(Formats.text("Checked out commit " + recorded.shortCommit() + " of " + repositoryDirectory
                        + " into " + checkout + "; restored " + restored.restored().size() + " data source"
                        + (restored.restored().size() == 1 ? "" : "s") + " of run " + recorded.run() + " into "
                        + (module.equals(checkout) ? "the checkout" : PipelineModule.relative(checkout, module)) + "."));
                restored.notRestored().forEach((name, why) -> out.println(Formats.text("  not restored: " + name
                        + ": " + why)));
                out.println(Formats.text("Running " + String.join(" ", command) + " (log: " + log + ")"));
                out.flush();
            }
            int status = ReproductionBuild.run(command, handedOn.environment(), top, log);
            Long reproducedAs;
            try (MetadataStore store = options.open()) {
                reproducedAs = store.checksAgainst(id).stream().filter(c -> !earlier.contains(c)).reduce((a, b) -> b)
                        .orElse(null);
                if (reproducedAs == null) {
                    keepLog = true;
                    PrintWriter err = err();
                    err.println(Formats.text("reprounit: the build (exit status " + status + ") recorded no check"
                            + " against check " + id + " in " + StoreLocation.shown(url) + ". Its log: " + log + "; its last lines:"));
                    ReproductionBuild.tail(log, TAIL).forEach(line -> err.println("  " + Formats.text(line)));
                    return 1;
                }
                return report(out, recorded, store.check(reproducedAs), store.differingParts(reproducedAs), restored,
                        status, keep ? checkout : null, keep ? log : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("reprounit: interrupted while the build ran; its log: " + log);
            keepLog = true;
            return 1;
        } finally {
            if (!keep) {
                Checkout.delete(checkout);
                if (!keepLog) {
                    Checkout.delete(temporary);
                }
            }
        }
    }

    private static long checkId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ReproduceRefusal("'" + text + "' is not a check id: give the number that `runs` prints, such as 17.");
    }

    private static StoredCheck recordedCheck(MetadataStore store, long id) {
        try {
            return store.check(id);
        } catch (StoreException e) {
            throw new ReproduceRefusal(String.valueOf(e.getMessage()));
        }
    }

    private static Path temporaryDirectory(long id) {
        try {
            return Files.createTempDirectory("reprounit-reproduce-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the checkout", e);
        }
    }

    /** Per step, its verdict and the parts that differ; exit status 0 where every step reproduced. */
    private int report(PrintWriter out, RecordedCheck recorded, StoredCheck now, DifferingParts parts,
            DataSnapshots.Restored restored, int buildStatus, @Nullable Path checkout, @Nullable Path log) {
        List<StoredStep> steps = now.runs().isEmpty() ? List.of() : now.runs().get(0).steps();
        boolean reproduced = !steps.isEmpty() && steps.stream().allMatch(step -> "REPRODUCED".equals(step.verdict()));
        if (options.json) {
            out.print(Json.write(Json.object().put("check", recorded.id()).put("pipeline", recorded.pipeline())
                    .put("commit", recorded.commit()).put("reproducedAs", now.id()).put("status", now.status())
                    .put("reproduced", reproduced).put("buildExitStatus", buildStatus)
                    .put("restored", restored.restored().stream().map(DataSnapshot::name).toList())
                    .put("notRestored", restored.notRestored())
                    .put("steps", steps.stream().map(step -> Json.object().put("step", step.step())
                            .put("verdict", step.verdict()).put("reproduced", "REPRODUCED".equals(step.verdict()))
                            .put("parts", json(parts.steps().getOrDefault(step.step(), List.of()))).map()).toList())
                    .put("runParts", json(parts.run()))
                    .put("checkout", checkout == null ? null : checkout.toString())
                    .put("log", log == null ? null : log.toString()).map()));
            return reproduced ? 0 : 1;
        }
        out.println();
        out.println(Formats.text("Check " + now.id() + " ran " + recorded.pipeline() + " again at commit "
                + recorded.shortCommit() + ", against check " + recorded.id() + ": " + (reproduced
                ? "every step reproduced." : steps.isEmpty() ? "no step was recorded (status " + now.status()
                + ")." : "not every step reproduced.")));
        int width = options.width();
        if (!steps.isEmpty()) {
            Table table = new Table("STEP", "VERDICT", "DIFFERING PARTS").whole("STEP");
            steps.forEach(step -> table.row(step.step(), step.verdict() == null ? "none" : step.verdict(),
                    parts.steps().getOrDefault(step.step(), List.of()).size()));
            out.print(table.render(width));
        }
        out.println();
        if (parts.run().isEmpty() && parts.steps().isEmpty()) {
            out.println("Every fingerprint part is as recorded.");
        } else {
            out.println("Fingerprint parts that differ from check " + recorded.id() + ":");
            Table table = new Table("STEP", "ASPECT", "PART", "RECORDED", "NOW").whole("STEP", "PART");
            parts.run().forEach(change -> row(table, "(every step)", change));
            parts.steps().forEach((step, changes) -> changes.forEach(change -> row(table, step, change)));
            out.print(table.render(width));
        }
        if (checkout != null) {
            out.println("The checkout is kept: " + checkout + " (build log: " + log + ").");
        }
        return reproduced ? 0 : 1;
    }

    private static void row(Table table, String step, PartChange change) {
        table.row(step, change.aspect().label(), change.name(), value(change.before()), value(change.after()));
    }

    private static String value(@Nullable FingerprintPart part) {
        return part == null ? "(none)" : part.value();
    }

    private static List<Map<String, @Nullable Object>> json(List<PartChange> changes) {
        return changes.stream().map(change -> Json.object().put("aspect", change.aspect().label())
                .put("name", change.name()).put("recorded", change.before() == null ? null : change.before().value())
                .put("now", change.after() == null ? null : change.after().value()).map()).toList();
    }

    private PrintWriter err() {
        if (spec == null) {
            throw new IllegalStateException("picocli injects the command spec");
        }
        return spec.commandLine().getErr();
    }
}
