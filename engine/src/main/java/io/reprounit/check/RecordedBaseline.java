package io.reprounit.check;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineSetupException;
import io.reprounit.baseline.StepRecord;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoredCheck;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import io.reprounit.pipeline.PipelineDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A check of the metadata store as the baseline it stands for ({@link AgainstSetting}), so that a check compared with
 * it is judged by the one baseline rule, {@code BaselineComparator}: its first complete run's digests and parts, with
 * {@code bytes: varies} where its runs gave different exact bytes, as its baseline file would have been written.
 *
 * @param check the id of the recorded check
 * @param pipeline the name of the pipeline it checked
 * @param pipelineClass that pipeline's class
 */
@API(status = INTERNAL, since = "0.1")
public record RecordedBaseline(long check, String pipeline, String pipelineClass, Baseline baseline) {

    public RecordedBaseline {
        requireNonNull(pipeline);
        requireNonNull(pipelineClass);
        requireNonNull(baseline);
    }

    /** Bytes of a kept output read for its preview: enough for the longest preview a baseline keeps. */
    private static final int PREVIEW_BYTES = 1024 * 1024;

    /**
     * Reads check {@code check} from the existing store at {@code url}.
     *
     * @param setting the setting that named the store, such as {@code reprounit.store.url}, for messages
     * @throws BaselineSetupException naming {@link AgainstSetting#KEY} and what to do, where the store cannot be read
     *     or has no such check
     */
    public static StoredCheck read(long check, String url, String setting) {
        try (MetadataStore store = MetadataStore.openExisting(url, setting)) {
            return store.check(check);
        } catch (StoreException e) {
            throw new BaselineSetupException(AgainstSetting.describe(check) + " names a check of the metadata store "
                    + setting + " = '" + io.reprounit.store.StoreLocation.shown(url) + "', which cannot be used: "
                    + e.getMessage() + " Point " + setting + " at the store that recorded check " + check + ", or name a check of this one.");
        }
    }

    /**
     * The baseline that {@code check} of {@code pipeline} stands for, with the previews a baseline file would keep
     * where {@code artifacts} still keep the outputs (a step with a tolerance is compared with its whole text).
     *
     * @throws BaselineSetupException where it recorded no complete run
     */
    public static RecordedBaseline of(StoredCheck check, PipelineDefinition pipeline, @Nullable ArtifactStore artifacts,
            Path workingDirectory) {
        List<StoredRun> runs = check.completeRuns();
        if (runs.isEmpty()) {
            throw new BaselineSetupException(AgainstSetting.describe(check.id()) + ": check " + check.id() + " of "
                    + check.pipeline() + " recorded no complete run (its outcome is " + check.status() + "), so there"
                    + " is nothing to compare with. Choose a check that ended, as `runs " + check.pipeline()
                    + "` lists them.");
        }
        StoredRun first = runs.get(0);
        Map<String, StepRecord> steps = new TreeMap<>();
        for (StoredStep step : first.steps()) {
            String output = step.output();
            if (output == null) {
                continue; // as a baseline leaves out a step that did not succeed
            }
            String bytes = step.bytes() != null ? step.bytes() : output;
            long distinct = runs.stream().map(run -> run.step(step.step()).map(StoredStep::bytes).orElse(null))
                    .filter(Objects::nonNull).distinct().count();
            long size = step.size() != null ? step.size() : 0;
            steps.put(step.step(), new StepRecord(output, distinct > 1 ? StepRecord.VARIES : bytes, size,
                    preview(pipeline, step, output, bytes, size, artifacts), step.fingerprint()));
        }
        return new RecordedBaseline(check.id(), check.pipeline(), check.pipelineClass(), Baseline.recorded(
                check.pipeline(), check.pipelineClass(), first.fingerprint(), steps, workingDirectory));
    }

    /** The preview of a kept output, read from the artifact store as far as it goes; none where it is not kept. */
    private static @Nullable String preview(PipelineDefinition pipeline, StoredStep step, String output, String bytes,
            long size, @Nullable ArtifactStore artifacts) {
        String mediaType = step.mediaType();
        if (artifacts == null || mediaType == null || step.keptAt() == null || pipeline.step(step.step()).isEmpty()) {
            return null;
        }
        Optional<InputStream> stored = artifacts.open(output);
        if (stored.isEmpty()) {
            return null;
        }
        byte[] head;
        try (InputStream in = stored.get()) {
            head = in.readNBytes((int) Math.min(size, PREVIEW_BYTES));
        } catch (IOException | RuntimeException e) {
            return null; // a damaged artifact: the step is compared by digest, and shown without a preview
        }
        Artifact artifact = Artifact.restored(output, bytes, Math.max(size, head.length), mediaType, head,
                Artifact.Kept.at(artifacts, step.keptAt()));
        return Baseline.preview(pipeline, step.step(), artifact);
    }
}
