package io.reprounit.jupiter;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineSetupException;
import io.reprounit.check.AgainstSetting;
import io.reprounit.check.RecordedBaseline;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreSettings;
import io.reprounit.store.StoredCheck;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The baseline that a recorded check stands for, for {@link CheckOptions#againstCheck(long)}: read as the engine reads
 * it for {@code reprounit.against}, through {@link RecordedBaseline}, so that both judge alike.
 */
final class RecordedChecks {

    private RecordedChecks() {}

    /** @throws IllegalArgumentException where the check cannot be read, or is a check of another pipeline */
    static Baseline baseline(CheckOptions.RecordedCheck recorded, PipelineDefinition pipeline) {
        StoreSettings store = StoreSettings.from(key -> key.equals(StoreSettings.URL_KEY) && recorded.storeUrl() != null
                ? Optional.of(recorded.storeUrl()) : Optional.ofNullable(System.getProperty(key)));
        String setting = recorded.storeUrl() != null ? "againstCheck(" + recorded.id() + ", storeUrl)"
                : StoreSettings.URL_KEY;
        try {
            StoredCheck check = RecordedBaseline.read(recorded.id(), store.url(), setting);
            if (!check.pipeline().equals(pipeline.name())) {
                throw new IllegalArgumentException(AgainstSetting.describe(check.id()) + " is a check of pipeline "
                        + check.pipeline() + " (" + check.pipelineClass() + "), not of " + pipeline.name()
                        + ": name a check of " + pipeline.name() + " (the `runs " + pipeline.name()
                        + "` command lists them).");
            }
            return RecordedBaseline.of(check, pipeline, artifacts(store), Path.of("").toAbsolutePath()).baseline();
        } catch (BaselineSetupException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Where the recorded outputs are kept, for previews; none where the artifact settings are wrong. */
    private static @Nullable ArtifactStore artifacts(StoreSettings store) {
        try {
            return store.artifacts();
        } catch (StoreException e) {
            return null;
        }
    }
}
