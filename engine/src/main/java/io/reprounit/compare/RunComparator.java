package io.reprounit.compare;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.Normalization;
import io.reprounit.artifact.ToleranceCheck;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.Culprits;
import io.reprounit.run.Run;
import io.reprounit.run.StepExecution.Status;
import io.reprounit.run.StepExecution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Compares the runs of a check step by step, in topological order, with the rule that Bazel's execution-log comparison
 * uses ({@link Culprits}): a step whose inputs were identical in every run but whose output was not is the culprit,
 * DIVERGED; a step that was fed a different input only inherits the difference, TAINTED, and names the culprit upstream.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunComparator {

    private RunComparator() {}

    public static CheckResult compare(List<StepDefinition> steps, List<Run> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("A check compares at least 2 runs, not " + runs.size());
        }
        Map<String, StepVerdict> verdicts = new HashMap<>();
        List<StepVerdict> ordered = new ArrayList<>();
        for (StepDefinition step : steps) {
            List<StepExecution> executions = runs.stream()
                    .map(run -> run.execution(step.name()).orElseThrow(() ->
                            new IllegalArgumentException("Run " + run.number() + " did not record step " + step.name())))
                    .toList();
            StepVerdict verdict = judge(step, executions, verdicts);
            verdicts.put(step.name(), verdict);
            ordered.add(verdict);
        }
        return new CheckResult(ordered);
    }

    private static StepVerdict judge(StepDefinition step, List<StepExecution> executions, Map<String, StepVerdict> judged) {
        String name = step.name();
        List<Integer> failedRuns = runsWith(executions, Status.FAILED);
        if (!failedRuns.isEmpty()) {
            Throwable failure = executions.get(failedRuns.get(0) - 1).failure().orElseThrow();
            String explanation = failedRuns.size() == executions.size()
                    ? "step '" + name + "' threw in every run: " + failure
                    : "step '" + name + "' threw in run " + join(failedRuns) + " of " + executions.size()
                            + " but not in the others: " + failure;
            return StepVerdict.failed(name, explanation, failure, executions);
        }
        List<Integer> notRun = runsWith(executions, Status.NOT_RUN);
        if (!notRun.isEmpty()) {
            String reason = executions.get(notRun.get(0) - 1).notRunReason().orElseThrow();
            return StepVerdict.notRun(name, "step '" + name + "' did not run: " + reason, executions);
        }
        Set<String> outputs = executions.stream().map(e -> e.output().orElseThrow().digest())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Normalization normalization = step.normalization();
        Optional<Long> served = servedFrom(executions);
        if (outputs.size() == 1 && served.isPresent()) {
            return StepVerdict.reproduced(name, "step '" + name + "' was served from the cache, not run: check "
                    + served.get() + " reproduced it with the same code, configuration, data, environment and inputs,"
                    + " giving " + outputs.iterator().next(), executions);
        }
        if (outputs.size() == 1) {
            return StepVerdict.reproduced(name, "step '" + name + "' gave the same output in all " + executions.size()
                    + " runs: " + outputs.iterator().next() + comparedAfter(normalization) + bytesOnly(executions),
                    executions);
        }
        int differing = firstDifferentRun(executions);
        Artifact expected = executions.get(0).output().orElseThrow();
        Artifact actual = executions.get(differing - 1).output().orElseThrow();
        String beyondTolerance = "";
        if (normalization.hasTolerance()) {
            ToleranceCheck check = withinTolerance(normalization, executions);
            if (check.within()) {
                return StepVerdict.reproduced(name, "step '" + name + "' gave outputs within its tolerance in all "
                        + executions.size() + " runs: " + check.detail() + comparedAfter(normalization), executions);
            }
            beyondTolerance = "; " + check.detail();
        }
        Renderings.Compared compared = Renderings.compare(expected, actual);
        StepVerdict.Rendering[] shown = {compared.expected(), compared.actual()};
        List<String> changedInputs = changedInputs(step, executions);
        List<String> tolerated = toleratedInputs(step, changedInputs, judged);
        changedInputs.removeAll(tolerated);
        if (!changedInputs.isEmpty()) {
            List<String> culprits = Culprits.upstreamOf(step, upstream -> changedInputs.contains(upstream.label()),
                    StepVerdict.blame(judged));
            String explanation = "step '" + name + "' was fed a different " + String.join(" and ", changedInputs)
                    + " because step " + culprits.stream().map(c -> "'" + c + "'").collect(Collectors.joining(" and "))
                    + " diverged upstream; it is tainted, not to blame";
            return StepVerdict.differing(name, Verdict.TAINTED, explanation, culprits, shown[0], shown[1], executions);
        }
        String inputs = tolerated.isEmpty()
                ? "its inputs were identical in all " + executions.size() + " runs"
                : "its inputs differed only within the tolerance of the steps that gave them (" + String.join(" and ",
                        tolerated) + "), and it made more of that difference than its own normalizers allow";
        String explanation = "step '" + name + "' is not reproducible: " + inputs + ", but it gave " + outputs.size()
                + " different outputs (run 1: " + Digests.shortForm(expected.digest()) + ", run " + differing + ": "
                + Digests.shortForm(actual.digest()) + ")" + beyondTolerance + "; "
                + compared.firstDifference() + comparedAfter(normalization);
        return StepVerdict.differing(name, Verdict.DIVERGED, explanation, List.of(name), shown[0], shown[1],
                executions);
    }

    /**
     * Whether two runs' outputs agree: the same semantic digest, or numbers within the step's tolerance. The rule
     * every comparison of runs applies, the Jupiter bridge's included.
     */
    public static boolean agree(Artifact first, Artifact later, Normalization normalization) {
        return first.digest().equals(later.digest())
                || normalization.hasTolerance() && normalization.compareWithinTolerance(first, later).within();
    }

    /** Every later run against run 1: the first one beyond the tolerance, or the largest difference within it. */
    private static ToleranceCheck withinTolerance(Normalization normalization, List<StepExecution> executions) {
        Artifact first = executions.get(0).output().orElseThrow();
        ToleranceCheck within = new ToleranceCheck(true, "every number was equal");
        for (int i = 1; i < executions.size(); i++) {
            Artifact later = executions.get(i).output().orElseThrow();
            if (later.digest().equals(first.digest())) {
                continue;
            }
            ToleranceCheck check = normalization.compareWithinTolerance(first, later);
            if (!check.within()) {
                return new ToleranceCheck(false, "run " + (i + 1) + " against run 1: " + check.detail());
            }
            within = check;
        }
        return within;
    }

    /** Names the normalizers, so that nobody is surprised by what was not compared. */
    /** The check every run's output was served from, where the cache served the step in every run. */
    private static Optional<Long> servedFrom(List<StepExecution> executions) {
        Set<Optional<Long>> sources = executions.stream().map(StepExecution::cachedFrom).collect(Collectors.toSet());
        return sources.size() == 1 ? sources.iterator().next() : Optional.empty();
    }

    static String comparedAfter(Normalization normalization) {
        return normalization.isNone() ? "" : " (compared after its normalizers: " + normalization.describe() + ")";
    }

    /** Where the exact bytes differed although the compared forms did not: visible, never a failure. */
    private static String bytesOnly(List<StepExecution> executions) {
        Set<String> bytes = executions.stream().map(e -> e.output().orElseThrow().bytesDigest())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (bytes.size() == 1) {
            return "";
        }
        Iterator<String> digests = bytes.iterator();
        return "; its exact bytes differed (" + Digests.shortForm(digests.next()) + ", "
                + Digests.shortForm(digests.next()) + (bytes.size() > 2 ? ", ..." : "")
                + "), in what its materializer or normalizers leave out";
    }

    /**
     * The changed inputs that come from upstream steps which reproduced within their tolerance: their digests differ,
     * but nothing upstream diverged, so they cannot make this step tainted.
     */
    private static List<String> toleratedInputs(StepDefinition step, List<String> changedInputs,
            Map<String, StepVerdict> judged) {
        List<String> tolerated = new ArrayList<>();
        for (StepArgument argument : step.arguments()) {
            if (argument instanceof StepArgument.Upstream upstream && changedInputs.contains(argument.label())) {
                if (StepVerdict.blame(judged).apply(upstream.step()).isEmpty()) {
                    tolerated.add(argument.label());
                }
            }
        }
        return tolerated;
    }

    /** The labels of the arguments whose digests were not the same in every run. */
    private static List<String> changedInputs(StepDefinition step, List<StepExecution> executions) {
        List<String> changed = new ArrayList<>();
        for (StepArgument argument : step.arguments()) {
            String label = argument.label();
            long distinct = executions.stream().map(e -> e.argumentDigests().get(label)).distinct().count();
            if (distinct > 1) {
                changed.add(label);
            }
        }
        return changed;
    }

    private static int firstDifferentRun(List<StepExecution> executions) {
        String first = executions.get(0).output().orElseThrow().digest();
        for (int i = 1; i < executions.size(); i++) {
            if (!executions.get(i).output().orElseThrow().digest().equals(first)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("No run differs");
    }

    private static List<Integer> runsWith(List<StepExecution> executions, Status status) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            if (executions.get(i).status() == status) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    private static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
