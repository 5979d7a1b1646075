package io.reprounit.compare;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.CanonicalText;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.Normalization;
import io.reprounit.artifact.ToleranceCheck;
import io.reprounit.artifact.ToleranceComparison;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineYaml;
import io.reprounit.baseline.StepRecord;
import io.reprounit.compare.StepVerdict.Rendering;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.Culprits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Compares a check's result with the pipeline's baseline, step by step in topological order. A step whose output
 * differs from the baseline is CHANGED where one of its parts changed too, and the verdict says which and how; DIVERGED
 * where nothing explains it; TAINTED where it was fed an input that already differed. A step that did not reproduce
 * between runs keeps that verdict: against a baseline there is nothing more to learn from it. Only semantic digests are
 * compared: a step whose exact bytes alone differ from the baseline's reproduces, and its explanation says so.
 */
@API(status = INTERNAL, since = "0.1")
public final class BaselineComparator {

    private BaselineComparator() {}

    /**
     * @param received the baseline the current check would record, built the same way as the expected one, so that
     *                 both are compared in the same portable form
     */
    public static CheckResult compare(List<StepDefinition> steps, CheckResult runs, Baseline expected, Baseline received) {
        List<String> environment = Explanations.ofRun(StepComparison.runChanges(expected, received));
        Map<String, StepVerdict> judged = new HashMap<>();
        List<StepVerdict> verdicts = new ArrayList<>();
        for (StepDefinition step : steps) {
            StepVerdict own = runs.verdict(step.name()).orElseThrow();
            StepVerdict verdict = own.verdict() == Verdict.REPRODUCED
                    ? judge(step, own, expected.step(step.name()), received.step(step.name()).orElseThrow(), environment, judged)
                    : own;
            judged.put(step.name(), verdict);
            verdicts.add(verdict);
        }
        return new CheckResult(verdicts);
    }

    private static StepVerdict judge(StepDefinition step, StepVerdict own, Optional<StepRecord> expected,
            StepRecord received, List<String> environment, Map<String, StepVerdict> judged) {
        String name = step.name();
        Rendering actual = rendering(name, received);
        if (expected.isEmpty()) {
            return StepVerdict.differing(name, Verdict.CHANGED, "step '" + name + "' is not in the baseline: it is new"
                    + " since the baseline was recorded", List.of(name), new Rendering("(not in the baseline)", "", 0),
                    actual, own.executions());
        }
        if (expected.get().digest().equals(received.digest())) {
            String note = environment.isEmpty() ? "" : "; the " + String.join(", ", environment) + " — with no effect on it";
            return StepVerdict.reproduced(name, "step '" + name + "' matches its baseline: " + received.digest()
                    + bytes(expected.get(), received) + note + RunComparator.comparedAfter(step.normalization()),
                    own.executions());
        }
        Optional<ToleranceCheck> tolerance = withinTolerance(step, expected.get(), own);
        if (tolerance.isPresent() && tolerance.get().within()) {
            return StepVerdict.reproduced(name, "step '" + name + "' matches its baseline within its tolerance: "
                    + tolerance.get().detail() + RunComparator.comparedAfter(step.normalization()), own.executions());
        }
        Rendering shownExpected = rendering(name, expected.get());
        String differs = "step '" + name + "' gave a different output than its baseline (baseline "
                + Digests.shortForm(expected.get().digest()) + ", now " + Digests.shortForm(received.digest()) + ")"
                + tolerance.map(check -> "; " + check.detail()).orElse("");
        List<String> culprits = Culprits.upstreamOf(step, upstream -> true, StepVerdict.blame(judged));
        if (!culprits.isEmpty()) {
            return StepVerdict.differing(name, Verdict.TAINTED, differs + ", because it was fed a different input: step "
                    + String.join(" and ", culprits.stream().map(c -> "'" + c + "'").toList())
                    + " differs from the baseline upstream", List.copyOf(culprits), shownExpected, actual,
                    own.executions());
        }
        List<String> reasons = new ArrayList<>(Explanations.ofStep(name, StepComparison.stepChanges(expected,
                Optional.of(received))));
        reasons.addAll(environment);
        if (reasons.isEmpty()) {
            return StepVerdict.differing(name, Verdict.DIVERGED, differs + " although its code, config, data and"
                    + " environment are as recorded: the step is not reproducible across JVMs or over time"
                    + RunComparator.comparedAfter(step.normalization()), List.of(name), shownExpected, actual,
                    own.executions());
        }
        return StepVerdict.differing(name, Verdict.CHANGED, differs + " because " + String.join("; ", reasons)
                + RunComparator.comparedAfter(step.normalization()), List.of(name), shownExpected, actual,
                own.executions());
    }

    /**
     * For a step with a tolerance, its first run's output compared with the one its baseline keeps whole; empty where
     * the step has no tolerance.
     */
    private static Optional<ToleranceCheck> withinTolerance(StepDefinition step, StepRecord expected, StepVerdict own) {
        Normalization normalization = step.normalization();
        Optional<Artifact> output = own.executions().get(0).output();
        if (!normalization.hasTolerance() || output.isEmpty()) {
            return Optional.empty();
        }
        if (!Baseline.isWhole(expected)) {
            return Optional.of(new ToleranceCheck(false, "the baseline keeps only a preview of this output (it keeps"
                    + " outputs of up to " + Baseline.COMPARED_LENGTH + " characters whole), so it must match exactly"));
        }
        Optional<String> now = wholeText(output.get());
        if (now.isEmpty()) {
            return Optional.of(new ToleranceCheck(false, "the output is now larger than the " + Baseline.COMPARED_LENGTH
                    + " characters a baseline keeps whole, so it must match its baseline exactly"));
        }
        return Optional.of(ToleranceComparison.compareTexts(java.util.Objects.requireNonNull(expected.preview()), now.get(),
                normalization));
    }

    /** The output as the text its baseline keeps, where it is short enough to be kept whole. */
    private static Optional<String> wholeText(Artifact output) {
        if (output.isCanonicalForm()) {
            Optional<java.io.InputStream> stored = output.open();
            try (java.io.InputStream in = stored.orElseGet(() -> new java.io.ByteArrayInputStream(output.bytes()))) {
                String text = CanonicalText.head(in, Baseline.COMPARED_LENGTH);
                return text.endsWith("…") ? Optional.empty() : Optional.of(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read output " + output.digest(), e);
            }
        }
        if (!output.isComplete() || !output.isCanonicalText()) {
            return Optional.empty();
        }
        return Optional.of(new String(output.bytes(), StandardCharsets.UTF_8));
    }

    /**
     * What is known of the exact bytes of a step whose compared output matches its baseline: shown, never a failure.
     * Where the baseline's bytes varied between runs, there is nothing to compare them with.
     */
    private static String bytes(StepRecord expected, StepRecord received) {
        if (received.bytesVary()) {
            return "; its exact bytes differ between runs, in what its materializer or normalizers leave out";
        }
        if (expected.bytesVary() || expected.bytesDigest().equals(received.bytesDigest())) {
            return "";
        }
        return "; its exact bytes differ from the baseline's (baseline " + Digests.shortForm(expected.bytesDigest())
                + ", now " + Digests.shortForm(received.bytesDigest()) + "), in what its materializer or normalizers"
                + " leave out";
    }

    private static Rendering rendering(String step, StepRecord record) {
        return new Rendering(BaselineYaml.write(step, record), record.digest(), record.size());
    }
}
