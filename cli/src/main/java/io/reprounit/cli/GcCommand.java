package io.reprounit.cli;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.store.GarbageCollection;
import io.reprounit.store.MetadataStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Removes checks beyond --keep, then the fingerprint parts and artifact files that no remaining"
        + " run refers to. Artifact files changed within --min-age (one hour by default) are spared, since a test"
        + " running now may have just written one that its run, not yet recorded, refers to; gc says how many it"
        + " spared. Give --min-age PT0S to remove them too, when no test is running.")
final class GcCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Spec @Nullable CommandSpec spec;

    @Option(names = "--keep", paramLabel = "<checks>", description = "Keep only the latest <checks> checks of each"
            + " pipeline. Default: keep every check, and remove only what none refers to.")
    @Nullable Integer keep;

    @Mixin ArtifactsOption artifacts = new ArtifactsOption();

    @Option(names = "--min-age", paramLabel = "<duration>", defaultValue = "PT1H", description = "Spare artifact files"
            + " changed more recently than this, as an ISO-8601 duration such as PT1H, PT10M or P2D; PT0S spares"
            + " none. Default: ${DEFAULT-VALUE}.")
    Duration minimumAge = Duration.ofHours(1);

    @Override
    public Integer call() {
        if (keep != null && keep < 1) {
            throw new picocli.CommandLine.ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                    "--keep " + keep + " would delete every check; give 1 or more.");
        }
        ArtifactStore store = artifacts.store(options);
        GarbageCollection collected;
        try (MetadataStore metadata = options.openForWriting()) {
            collected = metadata.collectGarbage(store, keep, minimumAge);
        }
        PrintWriter out = ReproUnitCli.out(spec);
        if (options.json) {
            out.print(Json.write(Json.object().put("checksRemoved", collected.checksRemoved())
                    .put("artifactsRemoved", collected.artifactsRemoved())
                    .put("artifactsSpared", collected.artifactsSpared())
                    .put("minimumAge", collected.minimumAge().toString()).map()));
        } else {
            out.println("Removed " + collected.checksRemoved() + " checks and " + collected.artifactsRemoved().size()
                    + " artifact files from " + store.describe() + ".");
            int spared = collected.artifactsSpared();
            if (spared > 0) {
                out.println("Spared " + spared + (spared == 1 ? " file that no run refers to: it was" : " files that"
                        + " no run refers to: they were") + " changed within --min-age " + minimumAge + ", and a test"
                        + " running now may need " + (spared == 1 ? "it" : "them") + ". Run gc --min-age PT0S when"
                        + " no test is running to remove " + (spared == 1 ? "it." : "them."));
            }
        }
        return 0;
    }
}
