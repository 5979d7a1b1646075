package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.baseline.StepRecord;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.run.Run;
import io.reprounit.run.StepExecution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link PipelineCheck}: its verdict and explanation, its output's digest in each run, its fingerprint
 * parts, and which aspects (code, config, data, environment) changed for it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StepCheck {

    private final StepVerdict verdict;
    private final List<StepExecution> executions;
    private final Set<Aspect> changedAspects;

    StepCheck(StepVerdict verdict, List<Run> runs, @Nullable StepRecord expected, @Nullable StepRecord received,
            @Nullable List<PartChange> runPartChanges) {
        this.verdict = requireNonNull(verdict);
        this.executions = verdict.executions();
        this.changedAspects = Collections.unmodifiableSet(changedAspects(verdict.step(), runs, expected, received,
                runPartChanges));
    }

    /**
     * The aspects whose parts differ, between the runs of this check or from the baseline, counted as the engine's
     * explanations count them: the step's own code, config and data parts; the run's environment; and, as code, the
     * jars on the classpath. The git commit alone is not a change to a step: its bytecode part says whether its code
     * changed.
     */
    private static Set<Aspect> changedAspects(String step, List<Run> runs, @Nullable StepRecord expected,
            @Nullable StepRecord received, @Nullable List<PartChange> runPartChanges) {
        List<PartChange> stepChanges = new ArrayList<>();
        List<PartChange> runChanges = new ArrayList<>();
        if (expected != null && received != null) {
            stepChanges.addAll(received.parts().changesSince(expected.parts()));
        }
        if (runPartChanges != null) {
            runChanges.addAll(runPartChanges);
        }
        Fingerprint firstStep = stepFingerprint(runs.get(0), step);
        for (Run run : runs.subList(1, runs.size())) {
            stepChanges.addAll(stepFingerprint(run, step).changesSince(firstStep));
            runChanges.addAll(run.fingerprint().changesSince(runs.get(0).fingerprint()));
        }
        Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
        stepChanges.forEach(change -> aspects.add(change.aspect()));
        for (PartChange change : runChanges) {
            if (change.aspect() == Aspect.ENVIRONMENT) {
                aspects.add(Aspect.ENVIRONMENT);
            } else if (change.aspect() == Aspect.CODE && change.name().startsWith("jar:")) {
                aspects.add(Aspect.CODE);
            }
        }
        return aspects;
    }

    private static Fingerprint stepFingerprint(Run run, String step) {
        return run.execution(step).map(StepExecution::fingerprint).orElse(Fingerprint.empty());
    }

    public String name() {
        return verdict.step();
    }

    public Verdict verdict() {
        return verdict.verdict();
    }

    /** The sentence a person reads: what happened to the step and why. */
    public String explanation() {
        return verdict.explanation();
    }

    /** The steps to blame: the step itself where it diverged, the diverged steps upstream where it is tainted. */
    public List<String> culprits() {
        return verdict.culprits();
    }

    /** The digest of the first run's output, the one a baseline records; empty where the step gave no output. */
    public Optional<String> outputDigest() {
        return outputDigest(1);
    }

    /** The digest of the given run's output, counting runs from 1. */
    public Optional<String> outputDigest(int run) {
        if (run < 1 || run > executions.size()) {
            throw new IllegalArgumentException("run " + run + " is not one of runs 1 to " + executions.size());
        }
        return executions.get(run - 1).output().map(Artifact::digest);
    }

    /** Every run's output digest, in run order; empty entries for runs in which the step gave no output. */
    public List<Optional<String>> outputDigests() {
        return executions.stream().map(execution -> execution.output().map(Artifact::digest)).toList();
    }

    /** What the step depended on in the first run: its code, configuration and data parts. */
    public Fingerprint fingerprint() {
        return executions.isEmpty() ? Fingerprint.empty() : executions.get(0).fingerprint();
    }

    /** The aspects whose parts changed for this step, between runs or since the baseline; see the class comment. */
    public Set<Aspect> changedAspects() {
        return changedAspects;
    }

    /** What the step threw, where it failed. */
    public Optional<Throwable> failure() {
        return verdict.failureCause();
    }

    /** The engine's verdict, with the renderings of the two outputs that differ. */
    public StepVerdict stepVerdict() {
        return verdict;
    }

    @Override
    public String toString() {
        return name() + " " + verdict() + ": " + explanation();
    }
}
