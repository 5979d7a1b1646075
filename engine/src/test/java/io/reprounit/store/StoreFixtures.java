package io.reprounit.store;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Materializers;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.run.StepExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs and verdicts to record, built without running a pipeline. */
public final class StoreFixtures {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    private StoreFixtures() {}

    public static Artifact text(String content) {
        return MATERIALIZERS.materialize(content);
    }

    /**
     * An output compared as {@code compared} whose exact bytes are those of {@code exact}, as where a normalizer left
     * something out of it.
     */
    public static Artifact normalized(String compared, String exact) {
        Artifact semantic = text(compared);
        return Artifact.restored(semantic.digest(), text(exact).digest(), semantic.size(), semantic.mediaType(),
                semantic.bytes());
    }

    /** A run whose step {@code i} outputs {@code outputs[i]}, step {@code i + 1} taking step {@code i}'s output. */
    public static RecordedRun run(int number, String commit, String... outputs) {
        return run(number, commit, java.util.Arrays.stream(outputs).map(StoreFixtures::text).toList());
    }

    /** A run whose step {@code i} outputs {@code outputs.get(i)}, step {@code i + 1} taking step {@code i}'s output. */
    public static RecordedRun run(int number, String commit, List<Artifact> outputs) {
        List<RecordedStep> steps = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < outputs.size(); i++) {
            Artifact output = outputs.get(i);
            Map<String, String> inputs = previous == null ? Map.of() : Map.of("@Input(\"step" + (i - 1) + "\")", previous);
            steps.add(new RecordedStep("step" + i, StepExecution.Status.SUCCEEDED, Duration.ofMillis(i), inputs, output,
                    null, Fingerprint.of(List.of(FingerprintPart.of(Aspect.CODE, "bytecode", "code of step" + i),
                            FingerprintPart.of(Aspect.CONFIG, "seed", "42")))));
            previous = output.digest();
        }
        return new RecordedRun(number, Instant.now(), Instant.now(), Fingerprint.of(List.of(
                FingerprintPart.of(Aspect.CODE, "git.commit", commit),
                FingerprintPart.of(Aspect.CODE, "git.dirty", "false"),
                FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "17.0.15"))), steps);
    }

    public static List<StepVerdict> verdicts(Verdict... verdicts) {
        List<StepVerdict> list = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            list.add(new StepVerdict("step" + i, verdicts[i], "step" + i + " " + verdicts[i], List.of(), null, null,
                    null, List.of(), List.of()));
        }
        return list;
    }

    /** Records a whole check of {@code runs} with {@code verdicts}; returns its id. */
    public static long check(MetadataStore store, io.reprounit.artifact.ArtifactStore artifacts, String pipeline,
            List<RecordedRun> runs, List<StepVerdict> verdicts) {
        long check = store.startCheck(pipeline, "com.example." + pipeline, "repeat", Instant.now());
        for (RecordedRun run : runs) {
            long id = store.startRun(check, run.number(), "repeat", "seed: 42\n", run.started());
            store.completeRun(id, run, artifacts);
        }
        store.finishCheck(check, verdicts.stream().map(v -> new RecordedVerdict(v.step(), v.verdict().name(),
                v.explanation(), v.culprits())).toList(), Instant.now());
        return check;
    }
}
