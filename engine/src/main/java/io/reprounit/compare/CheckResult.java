package io.reprounit.compare;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.run.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** The verdict on every step of a check, in topological order. */
@API(status = INTERNAL, since = "0.1")
public final class CheckResult {

    private final Map<String, StepVerdict> verdicts;
    private final @org.jspecify.annotations.Nullable String failure;

    CheckResult(List<StepVerdict> verdicts) {
        this(verdicts, null);
    }

    private CheckResult(List<StepVerdict> verdicts, @org.jspecify.annotations.Nullable String failure) {
        Map<String, StepVerdict> byStep = new LinkedHashMap<>();
        verdicts.forEach(verdict -> byStep.put(verdict.step(), verdict));
        this.verdicts = Collections.unmodifiableMap(byStep);
        this.failure = failure;
    }

    /**
     * This result, failed as a whole although its steps' verdicts may all be REPRODUCED: its baseline was missing on
     * CI, malformed, or could not be set up. The store must not record such a check as reproduced.
     */
    public CheckResult failedAsAWhole(String why) {
        return new CheckResult(verdicts(), why);
    }

    /** Why the check failed as a whole, beside its steps' verdicts; empty where it did not. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<StepVerdict> verdict(String step) {
        return Optional.ofNullable(verdicts.get(step));
    }

    public List<StepVerdict> verdicts() {
        return List.copyOf(verdicts.values());
    }

    /**
     * This result with findings added to each named step that did not reproduce, such as what a forked check learnt by
     * searching the variations or by replaying the step.
     */
    public CheckResult withFindings(Map<String, List<Finding>> findings) {
        if (findings.isEmpty()) {
            return this;
        }
        return new CheckResult(verdicts.values().stream().map(verdict -> verdict.passed() ? verdict
                : verdict.withFindings(findings.getOrDefault(verdict.step(), List.of()))).toList(), failure);
    }

    /** Whether every step reproduced. */
    public boolean isReproducible() {
        return verdicts.values().stream().allMatch(StepVerdict::passed);
    }
}
