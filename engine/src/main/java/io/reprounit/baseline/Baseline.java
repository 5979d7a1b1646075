package io.reprounit.baseline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.CanonicalText;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.run.Run;
import io.reprounit.run.StepExecution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The recorded result of a pipeline, committed beside the tests and reviewed like code: per step its output digest and
 * parts; for the run its environment, dependencies and commit. It holds nothing that would make two machines write
 * different files for the same result beyond what differs for real: no absolute paths, no timestamps, no secrets.
 */
@API(status = INTERNAL, since = "0.1")
public final class Baseline {

    /** Text outputs up to this many characters are previewed in full; longer ones are cut. */
    static final int PREVIEW_LENGTH = 200;

    /**
     * How much of the compared form a step with a {@code @Tolerance} keeps whole: its numbers are what a later check is
     * compared with, since a tolerance cannot be folded into a digest. Larger outputs keep a preview and must match
     * their baseline's digest exactly.
     */
    public static final int COMPARED_LENGTH = 64 * 1024;

    private final String pipeline;
    private final String pipelineClass;
    private final Fingerprint runParts;
    private final Map<String, StepRecord> steps;

    public Baseline(String pipeline, String pipelineClass, Fingerprint runParts, Map<String, StepRecord> steps) {
        this.pipeline = requireNonNull(pipeline);
        this.pipelineClass = requireNonNull(pipelineClass);
        this.runParts = requireNonNull(runParts);
        this.steps = Collections.unmodifiableMap(new TreeMap<>(steps));
    }

    /** The baseline that {@code run} would record; steps that did not succeed are left out. */
    public static Baseline of(PipelineDefinition pipeline, Run run, Path workingDirectory) {
        Map<String, String> renames = portableNames(run.executions().stream().map(StepExecution::fingerprint).toList(),
                workingDirectory);
        Map<String, StepRecord> steps = new TreeMap<>();
        for (StepExecution execution : run.executions()) {
            execution.output().ifPresent(output -> steps.put(execution.step(), new StepRecord(output.digest(),
                    output.bytesDigest(), output.size(), preview(output, keepsWhole(pipeline, execution.step())),
                    portable(execution.fingerprint(), renames))));
        }
        return new Baseline(pipeline.name(), pipeline.pipelineClass().getName(),
                portable(runPartsWorthKeeping(run.fingerprint()), renames), steps);
    }

    /**
     * The baseline that a check of {@code runs} records: the first run's, with {@code bytes: varies} for each step whose
     * exact bytes differed between the runs, so that a model that keeps its training time does not rewrite the file.
     */
    public static Baseline of(PipelineDefinition pipeline, List<Run> runs, Path workingDirectory) {
        Set<String> varying = new TreeSet<>();
        for (StepExecution execution : runs.get(0).executions()) {
            long distinct = runs.stream().map(run -> run.execution(execution.step()).flatMap(StepExecution::output))
                    .flatMap(Optional::stream).map(Artifact::bytesDigest).distinct().count();
            if (distinct > 1) {
                varying.add(execution.step());
            }
        }
        return of(pipeline, runs.get(0), workingDirectory).withVaryingBytes(varying);
    }

    /**
     * The baseline that a recorded run stands for, as {@link #of(PipelineDefinition, Run, Path)} would have written it
     * then: the same parts left out and the same datasource paths made portable, so that a check compared with a run of
     * the metadata store is judged exactly as against a baseline file. {@code steps} hold the run's fingerprint parts
     * as they were recorded; paths are made relative to {@code workingDirectory} as they are for the current check.
     */
    public static Baseline recorded(String pipeline, String pipelineClass, Fingerprint runParts,
            Map<String, StepRecord> steps, Path workingDirectory) {
        Map<String, String> renames = portableNames(steps.values().stream().map(StepRecord::parts).toList(),
                workingDirectory);
        Map<String, StepRecord> portable = new TreeMap<>();
        steps.forEach((step, record) -> portable.put(step, new StepRecord(record.digest(), record.bytesDigest(),
                record.size(), record.preview(), portable(record.parts(), renames))));
        return new Baseline(pipeline, pipelineClass, portable(runPartsWorthKeeping(runParts), renames), portable);
    }

    /**
     * Git's working-tree digest and the VM arguments name this checkout and this launch, not the result: they would
     * make every baseline differ between machines and IDEs. The commit stays, for the record.
     */
    private static Fingerprint runPartsWorthKeeping(Fingerprint parts) {
        List<FingerprintPart> kept = new ArrayList<>();
        for (FingerprintPart part : parts.parts()) {
            boolean launchSpecific = part.name().equals("java.vm.arguments") || part.name().equals("git.uncommitted")
                    || part.name().equals("git.dirty") || part.name().equals("git.branch");
            if (!launchSpecific) {
                kept.add(part);
            }
        }
        return Fingerprint.of(kept);
    }

    /**
     * Absolute datasource paths and what they become in the file: relative to the working directory where they are
     * inside it, {@code …/<file name>} elsewhere, so that no machine's layout ends up in a reviewed file.
     */
    private static Map<String, String> portableNames(Collection<Fingerprint> stepParts, Path workingDirectory) {
        Path base = workingDirectory.toAbsolutePath().normalize();
        Map<String, String> renames = new TreeMap<>(java.util.Comparator.comparing(String::length).reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (Fingerprint fingerprint : stepParts) {
            for (FingerprintPart part : fingerprint.parts(Aspect.DATA)) {
                Path path = Path.of(part.name());
                if (path.isAbsolute()) {
                    Path absolute = path.normalize();
                    renames.put(part.name(), absolute.startsWith(base)
                            ? base.relativize(absolute).toString().replace('\\', '/') : "…/" + absolute.getFileName());
                }
            }
        }
        return renames;
    }

    /** The parts with absolute datasource paths renamed, in names and in values; digests are kept as they are. */
    private static Fingerprint portable(Fingerprint parts, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return parts;
        }
        List<FingerprintPart> portable = new ArrayList<>();
        for (FingerprintPart part : parts.parts()) {
            String name = renames.getOrDefault(part.name(), part.name());
            String value = part.value();
            for (Map.Entry<String, String> rename : renames.entrySet()) {
                value = value.replace(rename.getKey(), rename.getValue());
            }
            portable.add(new FingerprintPart(part.aspect(), name, value, part.digest()));
        }
        return Fingerprint.of(portable);
    }

    /**
     * The text kept in the file: a structured value's canonical form rendered as text, and read only as far as the
     * preview goes; text as it is; nothing for bytes. Cut previews end with {@code …}.
     */
    private static @org.jspecify.annotations.Nullable String preview(Artifact output, boolean whole) {
        if (output.isCanonicalForm()) {
            int length = whole ? COMPARED_LENGTH : PREVIEW_LENGTH;
            java.util.Optional<java.io.InputStream> stored = output.open();
            try (java.io.InputStream in = stored.orElseGet(() -> new java.io.ByteArrayInputStream(output.bytes()))) {
                return CanonicalText.head(in, length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read output " + output.digest(), e);
            }
        }
        if (!Artifact.TEXT.equals(output.mediaType()) && !output.isCanonicalText()) {
            return null;
        }
        String text = new String(output.bytes(), StandardCharsets.UTF_8);
        int length = whole && output.isComplete() ? COMPARED_LENGTH : PREVIEW_LENGTH;
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }

    /**
     * The preview a baseline keeps of {@code output} of {@code step}: its whole compared form as text for a step with
     * a tolerance, where it is short enough, else its first characters; none for bytes.
     */
    public static @org.jspecify.annotations.Nullable String preview(PipelineDefinition pipeline, String step,
            Artifact output) {
        return preview(output, keepsWhole(pipeline, step));
    }

    /** Whether a step's preview is its whole compared form as text, as a step with a tolerance keeps it. */
    public static boolean isWhole(StepRecord record) {
        String preview = record.preview();
        return preview != null && !preview.endsWith("…");
    }

    private static boolean keepsWhole(PipelineDefinition pipeline, String step) {
        return pipeline.step(step).map(definition -> definition.normalization().hasTolerance()).orElse(false);
    }

    /**
     * This baseline with the exact bytes of {@code steps} recorded as {@link StepRecord#VARIES}: where the runs of a
     * check gave different bytes (a model that keeps the time it was trained), the first run's bytes digest would change
     * the file at every update and say nothing about the next check.
     */
    public Baseline withVaryingBytes(Collection<String> steps) {
        Map<String, StepRecord> marked = new TreeMap<>(this.steps);
        for (String step : steps) {
            marked.computeIfPresent(step, (name, record) -> record.withVaryingBytes());
        }
        return new Baseline(pipeline, pipelineClass, runParts, marked);
    }

    public String pipeline() {
        return pipeline;
    }

    public String pipelineClass() {
        return pipelineClass;
    }

    /** Environment, dependencies, commit and configuration file of the recorded run. */
    public Fingerprint runParts() {
        return runParts;
    }

    /** Step name to record, sorted by name. */
    public Map<String, StepRecord> steps() {
        return steps;
    }

    public Optional<StepRecord> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Baseline that && pipeline.equals(that.pipeline) && pipelineClass.equals(that.pipelineClass)
                && runParts.equals(that.runParts) && steps.equals(that.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }
}
