package io.reprounit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.jupiter.StepCheck;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one step of a check: its verdict, its output's digest, what changed for it and how the engine explains
 * it. Every failure shows the expected and the actual value, and the engine's explanation of the step.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StepCheckAssert extends AbstractAssert<StepCheckAssert, StepCheck> {

    /** Short forms shorter than this could name more than one output. */
    private static final int SHORTEST_DIGEST = 12;

    StepCheckAssert(StepCheck actual) {
        super(actual, StepCheckAssert.class);
    }

    /** The same output in every run (and, where the check had a baseline, the same as the baseline). */
    public StepCheckAssert reproduced() {
        return hasVerdict(Verdict.REPRODUCED);
    }

    /** Identical inputs in every run, different outputs: the step itself is nondeterministic. */
    public StepCheckAssert diverged() {
        return hasVerdict(Verdict.DIVERGED);
    }

    /** An input differed because a step upstream diverged. */
    public StepCheckAssert tainted() {
        return hasVerdict(Verdict.TAINTED);
    }

    /** Against a baseline: the output differs and a changed part explains it. */
    public StepCheckAssert changed() {
        return hasVerdict(Verdict.CHANGED);
    }

    /** The step threw in at least one run. */
    public StepCheckAssert failed() {
        return hasVerdict(Verdict.FAILED);
    }

    /** The step could not run, because a step it needs failed. */
    public StepCheckAssert notRun() {
        return hasVerdict(Verdict.NOT_RUN);
    }

    public StepCheckAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            failWithActualExpectedAndMessage(actual.verdict(), expected,
                    "%nExpecting step '%s' to be %s, but it was %s:%n  %s", actual.name(), expected, actual.verdict(),
                    actual.explanation());
        }
        return myself;
    }

    /**
     * The first run's output has this digest: {@code sha256:} and 64 hex digits, or a short form of at least 12 hex
     * digits as messages show it.
     */
    public StepCheckAssert hasOutputDigest(String expected) {
        isNotNull();
        String hex = hex(expected);
        if (hex.length() < SHORTEST_DIGEST) {
            throw new IllegalArgumentException("'" + expected + "' is too short to name an output; give at least "
                    + SHORTEST_DIGEST + " hex digits");
        }
        String digest = actual.outputDigest().orElse(null);
        if (digest == null) {
            failWithActualExpectedAndMessage(null, expected,
                    "%nExpecting step '%s' to have output digest%n  %s%nbut it gave no output (%s):%n  %s",
                    actual.name(), expected, actual.verdict(), actual.explanation());
        } else if (!hex(digest).startsWith(hex)) {
            failWithActualExpectedAndMessage(digest, expected,
                    "%nExpecting step '%s' to have output digest%n  %s%nbut it was%n  %s", actual.name(), expected,
                    digest);
        }
        return myself;
    }

    /**
     * The step is CHANGED, and each of these aspects is among the ones that changed for it (see
     * {@link StepCheck#changedAspects()}).
     */
    public StepCheckAssert changedBy(Aspect... aspects) {
        isNotNull();
        if (aspects.length == 0) {
            throw new IllegalArgumentException("Name at least one aspect: code, config, environment or data");
        }
        Set<Aspect> expected = EnumSet.copyOf(Arrays.asList(aspects));
        if (actual.verdict() != Verdict.CHANGED) {
            failWithActualExpectedAndMessage(actual.verdict(), Verdict.CHANGED,
                    "%nExpecting step '%s' to be CHANGED by %s, but it was %s:%n  %s", actual.name(), labels(expected),
                    actual.verdict(), actual.explanation());
        }
        if (!actual.changedAspects().containsAll(expected)) {
            failWithActualExpectedAndMessage(labels(actual.changedAspects()), labels(expected),
                    "%nExpecting step '%s' to be changed by %s, but what changed was %s:%n  %s", actual.name(),
                    labels(expected), labels(actual.changedAspects()), actual.explanation());
        }
        return myself;
    }

    /** The step is TAINTED, and these are exactly the diverged steps upstream that it names as culprits. */
    public StepCheckAssert taintedBy(String... culprits) {
        tainted();
        List<String> expected = List.of(culprits);
        if (!actual.culprits().equals(expected)) {
            failWithActualExpectedAndMessage(actual.culprits(), expected,
                    "%nExpecting step '%s' to be tainted by %s, but it names %s:%n  %s", actual.name(), expected,
                    actual.culprits(), actual.explanation());
        }
        return myself;
    }

    /** The step FAILED with an exception of this type (or a subtype). */
    public StepCheckAssert failedWith(Class<? extends Throwable> type) {
        failed();
        Throwable thrown = actual.failure().orElse(null);
        if (!type.isInstance(thrown)) {
            failWithActualExpectedAndMessage(thrown == null ? null : thrown.getClass().getName(), type.getName(),
                    "%nExpecting step '%s' to fail with a %s, but it threw%n  %s", actual.name(), type.getName(), thrown);
        }
        return myself;
    }

    /** The engine's explanation of the verdict contains this text. */
    public StepCheckAssert hasExplanationContaining(String expected) {
        isNotNull();
        if (!actual.explanation().contains(expected)) {
            failWithActualExpectedAndMessage(actual.explanation(), expected,
                    "%nExpecting the explanation of step '%s'%n  %s%nto contain%n  %s", actual.name(),
                    actual.explanation(), expected);
        }
        return myself;
    }

    private static String hex(String digest) {
        return digest.startsWith(Digests.PREFIX) ? digest.substring(Digests.PREFIX.length()) : digest;
    }

    private static List<String> labels(Set<Aspect> aspects) {
        return aspects.stream().map(Aspect::label).toList();
    }
}
