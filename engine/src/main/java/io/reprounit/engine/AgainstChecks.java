package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.baseline.BaselineSetupException;
import io.reprounit.check.AgainstSetting;
import io.reprounit.check.RecordedBaseline;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreSettings;
import io.reprounit.store.StoredCheck;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recorded check that this execution's checks are compared with ({@link Constants#AGAINST_PROPERTY_NAME}), read
 * from the metadata store once, when the first pipeline asks, so that a wrong setting fails each pipeline with the same
 * message, and a store is not opened where the setting is unset. A pipeline other than the check's is skipped, since
 * the check says nothing about it; where none of the selected pipelines is the check's, each fails instead, since the
 * value then names the wrong check or the wrong store.
 */
final class AgainstChecks {

    private final AgainstSetting setting;
    private final StoreSettings store;
    private final Path workingDirectory;
    private final Set<String> selected;
    private @Nullable Resolved resolved;

    /** The recorded check, or why it cannot be compared with. */
    private record Resolved(Optional<StoredCheck> check, Optional<String> problem) {}

    /** @param selected the names of the pipelines this execution checks */
    AgainstChecks(AgainstSetting setting, StoreSettings store, Path workingDirectory, Set<String> selected) {
        this.setting = requireNonNull(setting);
        this.store = requireNonNull(store);
        this.workingDirectory = requireNonNull(workingDirectory);
        this.selected = Set.copyOf(selected);
    }

    /** Read once, by the first pipeline that asks: pipelines may be checked in parallel. */
    private synchronized Resolved resolved() {
        Resolved known = resolved;
        if (known == null) {
            known = resolve();
            resolved = known;
        }
        return known;
    }

    /** Where the recorded outputs are kept, for their previews; none where its settings are wrong. */
    private @Nullable ArtifactStore artifacts() {
        try {
            return store.artifacts();
        } catch (StoreException e) {
            return null;
        }
    }

    private Resolved resolve() {
        if (setting.problem().isPresent()) {
            return new Resolved(Optional.empty(), setting.problem());
        }
        try {
            return new Resolved(Optional.of(RecordedBaseline.read(setting.check().orElseThrow(), store.url(),
                    StoreSettings.URL_KEY)), Optional.empty());
        } catch (BaselineSetupException e) {
            return new Resolved(Optional.empty(), Optional.ofNullable(e.getMessage()));
        }
    }

    /** Why {@code pipeline} is not checked: the recorded check is of another pipeline, which is checked here. */
    Optional<String> skipReason(PipelineDefinition pipeline) {
        if (!setting.isSet()) {
            return Optional.empty();
        }
        return resolved().check().filter(recorded -> !recorded.pipeline().equals(pipeline.name())
                && selected.contains(recorded.pipeline())).map(recorded -> "not checked: "
                + AgainstSetting.describe(recorded.id()) + " is a check of pipeline " + recorded.pipeline()
                + ", which is checked against it; this pipeline has nothing to be compared with");
    }

    /**
     * The recorded check that {@code pipeline} is compared with instead of its baseline; empty where the setting is
     * unset.
     *
     * @throws BaselineSetupException naming the setting, where it cannot be compared with
     */
    Optional<RecordedBaseline> recordedFor(PipelineDefinition pipeline) {
        if (!setting.isSet()) {
            return Optional.empty();
        }
        Resolved now = resolved();
        if (now.problem().isPresent()) {
            throw new BaselineSetupException(now.problem().get());
        }
        StoredCheck recorded = now.check().orElseThrow();
        if (!recorded.pipeline().equals(pipeline.name())) {
            throw new BaselineSetupException(AgainstSetting.describe(recorded.id()) + " is a check of pipeline "
                    + recorded.pipeline() + " (" + recorded.pipelineClass() + "), which is not selected here, so"
                    + " pipeline " + pipeline.name() + " cannot be compared with it. Select " + recorded.pipeline()
                    + ", or name a check of " + pipeline.name() + " (the `runs " + pipeline.name() + "` command lists"
                    + " them).");
        }
        return Optional.of(RecordedBaseline.of(recorded, pipeline, artifacts(), workingDirectory));
    }
}
