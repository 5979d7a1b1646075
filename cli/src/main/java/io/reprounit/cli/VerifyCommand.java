package io.reprounit.cli;

import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.store.KeptArtifact;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreLocation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Runs SQLite's integrity check on the metadata store, then reads whole every"
        + " artifact it refers to and every file in the artifact store, and lists each damaged or missing artifact with"
        + " the runs and steps whose output it is; with a remote artifact store, lists the bucket and names every"
        + " artifact kept here that it lacks. Exit status 1 where anything is damaged or missing, else 0.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    /** An artifact that is not intact, with the outputs it is (none, for a file that no run refers to). */
    private record Problem(ArtifactCondition condition, List<KeptArtifact.Use> uses) {}

    @Override
    public Integer call() {
        List<String> integrity;
        List<KeptArtifact> kept;
        @Nullable String unreadable = null;
        ArtifactStore store = artifacts.store(options);
        try (MetadataStore metadata = options.open()) {
            integrity = metadata.integrityProblems();
            try {
                kept = metadata.keptArtifacts(store); // with the files of kept directories' listings
            } catch (StoreException e) {
                if (integrity.isEmpty()) {
                    throw e;
                }
                kept = List.of(); // a damaged page among the tables read: the integrity check says which
                unreadable = e.getMessage();
            }
        }
        List<ArtifactCondition> files = store.everyFile();
        List<Problem> problems = problems(kept, files, store);
        Optional<BucketCheck.Result> bucket = BucketCheck.check(store, kept, files);
        List<BucketCheck.Problem> bucketProblems = bucket.map(BucketCheck.Result::problems).orElse(List.of());
        boolean ok = integrity.isEmpty() && problems.isEmpty() && bucketProblems.isEmpty();
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(Json.object().put("store", StoreLocation.shown(options.url())).put("integrityProblems", integrity)
                    .put("artifactStore", store.root().toString()).put("filesRead", files.size())
                    .put("artifactsReferredTo", kept.size()).put("artifactsUnreadable", unreadable)
                    .put("problems", problems.stream().map(VerifyCommand::json).toList())
                    .put("objectsListed", bucket.<@Nullable Integer>map(BucketCheck.Result::objectsListed).orElse(null))
                    .put("bucketProblems", bucketProblems.stream().map(VerifyCommand::bucketJson).toList())
                    .put("ok", ok).map()));
            return ok ? 0 : 1;
        }
        String metadata = "Metadata store " + StoreLocation.shown(options.url());
        out.println(options.url().startsWith("jdbc:postgresql:") ? metadata + ": PostgreSQL checks its pages as it"
                + " reads them; there is no integrity check to run from here."
                : integrity.isEmpty() ? metadata + ": SQLite's integrity check found nothing wrong."
                : metadata + ": SQLite's integrity check found " + integrity.size()
                        + (integrity.size() == 1 ? " problem:" : " problems:"));
        integrity.forEach(line -> out.println("  " + Formats.text(line)));
        if (unreadable != null) {
            out.println("The artifacts it refers to could not be read: " + Formats.text(unreadable));
        }
        out.println("Artifact store " + store.root() + ": " + files.size() + " files read; the metadata store refers"
                + " to " + kept.size() + " artifacts.");
        bucket.ifPresent(listed -> out.println("Remote artifact store " + listed.bucket() + ": "
                + listed.objectsListed() + " objects listed" + (listed.problems().isEmpty()
                ? "; it holds every artifact kept here." : listed.problems().size() == 1
                ? "; 1 artifact kept here is not there as it is here, so other machines cannot read it."
                : "; " + listed.problems().size() + " artifacts kept here are not there as they are here, so other"
                        + " machines cannot read them.")));
        if (problems.isEmpty() && bucketProblems.isEmpty()) {
            out.println(integrity.isEmpty() ? "Every artifact is intact." : "Every artifact is intact; the metadata"
                    + " store is not.");
            return ok ? 0 : 1;
        }
        out.println();
        Table table = new Table("ARTIFACT", "STATE", "OUTPUT OF", "PROBLEM").whole("ARTIFACT");
        problems.forEach(problem -> table.row(Digests.shortForm(problem.condition().digest()),
                problem.condition().state().label(), uses(problem.uses()), problem.condition().problem()));
        bucketProblems.forEach(problem -> table.row(Digests.shortForm(problem.digest()), problem.state(),
                uses(problem.uses()), problem.problem()));
        out.print(table.render(options.width()));
        out.println();
        if (!problems.isEmpty()) {
            out.println(problems.size() + (problems.size() == 1 ? " artifact is" : " artifacts are") + " damaged or"
                    + " missing; --json gives each one's file.");
            out.println("The next check that produces an output writes its file again; `reprounit gc` removes files"
                    + " that no run refers to.");
        }
        if (!bucketProblems.isEmpty()) {
            out.println("The next check that produces " + (bucketProblems.size() == 1 ? "that output" : "those outputs")
                    + " sends it to the bucket again; until then only this machine can read "
                    + (bucketProblems.size() == 1 ? "it." : "them."));
        }
        return 1;
    }

    /** Every damaged file, then every artifact the store refers to that has no file at all. */
    private static List<Problem> problems(List<KeptArtifact> kept, List<ArtifactCondition> files, ArtifactStore store) {
        Map<String, List<KeptArtifact.Use>> uses = new LinkedHashMap<>();
        kept.forEach(artifact -> uses.put(artifact.digest(), artifact.uses()));
        Set<String> withFile = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (ArtifactCondition file : files) {
            withFile.add(file.digest());
            if (!file.isIntact()) {
                problems.add(new Problem(file, uses.getOrDefault(file.digest(), List.of())));
            }
        }
        for (KeptArtifact artifact : kept) {
            if (!withFile.contains(artifact.digest())) {
                problems.add(new Problem(store.condition(artifact.digest()), artifact.uses()));
            }
        }
        return problems;
    }

    private static String uses(List<KeptArtifact.Use> uses) {
        return uses.isEmpty() ? "no run" : uses.stream().map(use -> use.run() + " " + use.step())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, @Nullable Object> bucketJson(BucketCheck.Problem problem) {
        return Json.object().put("digest", problem.digest()).put("state", problem.state())
                .put("problem", problem.problem()).put("object", problem.object())
                .put("outputOf", problem.uses().stream().map(use -> Json.object().put("run", use.run())
                        .put("step", use.step()).map()).toList()).map();
    }

    private static Map<String, @Nullable Object> json(Problem problem) {
        ArtifactCondition condition = problem.condition();
        return Json.object().put("digest", condition.digest()).put("state", condition.state().label())
                .put("problem", condition.problem()).put("file", condition.file().toString())
                .put("outputOf", problem.uses().stream().map(use -> Json.object().put("run", use.run())
                        .put("step", use.step()).map()).toList()).map();
    }
}
