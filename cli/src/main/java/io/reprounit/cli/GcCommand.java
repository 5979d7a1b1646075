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

@Command(name = "gc", description = "Removes checks beyond --keep, then the fingerprint parts and artifact files that"
        + " no remaining run refers to.")
final class GcCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Spec @Nullable CommandSpec spec;

    @Option(names = "--keep", paramLabel = "<checks>", description = "Keep only the latest <checks> checks of each"
            + " pipeline. Default: keep every check, and remove only what none refers to.")
    @Nullable Integer keep;

    @Mixin ArtifactsOption artifacts = new ArtifactsOption();

    @Option(names = "--min-age", paramLabel = "<duration>", defaultValue = "PT1H", description = "Spare artifact files"
            + " younger than this (ISO-8601, such as PT1H): a test run writing now may need them. Default: ${DEFAULT-VALUE}.")
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
                    .put("artifactsRemoved", collected.artifactsRemoved()).map()));
        } else {
            out.println("Removed " + collected.checksRemoved() + " checks and " + collected.artifactsRemoved().size()
                    + " artifact files from " + store.root() + ".");
        }
        return 0;
    }
}
