package io.reprounit.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The verdict on every step of a check, in topological order. */
public final class CheckResult {

    private final Map<String, StepVerdict> verdicts;

    CheckResult(List<StepVerdict> verdicts) {
        Map<String, StepVerdict> byStep = new LinkedHashMap<>();
        verdicts.forEach(verdict -> byStep.put(verdict.step(), verdict));
        this.verdicts = Collections.unmodifiableMap(byStep);
    }

    public Optional<StepVerdict> verdict(String step) {
        return Optional.ofNullable(verdicts.get(step));
    }

    public List<StepVerdict> verdicts() {
        return List.copyOf(verdicts.values());
    }

    /**
     * This result with a finding added to the explanation of each named step that did not reproduce, such as what a
     * forked check learnt by re-running one variation at a time or by replaying the step.
     */
    public CheckResult withFindings(Map<String, String> findings) {
        if (findings.isEmpty()) {
            return this;
        }
        return new CheckResult(verdicts.values().stream().map(verdict -> {
            String finding = findings.get(verdict.step());
            return finding == null || verdict.passed() ? verdict : verdict.explainedFurther("; " + finding);
        }).toList());
    }

    /** Whether every step reproduced. */
    public boolean isReproducible() {
        return verdicts.values().stream().allMatch(StepVerdict::passed);
    }
}
