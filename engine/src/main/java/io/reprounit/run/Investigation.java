package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Investigates the steps of a forked check that diverged, with more forked runs started together: one control run
 * again, which also replays the diverged steps on its own outputs, and one run per variation with only that variation
 * at its experiment value (reprotest's auto mode). A step is blamed on the variations whose lone run makes it differ
 * from run 1; where the repeated control already differs, no variation is to blame.
 */
final class Investigation {

    private final ForkedRunner runner;
    private final CheckPlan plan;
    private final Run control;
    private final List<Divergence> divergences;

    Investigation(ForkedRunner runner, CheckPlan plan, Run control, List<Divergence> divergences) {
        this.runner = requireNonNull(runner);
        this.plan = requireNonNull(plan);
        this.control = requireNonNull(control);
        this.divergences = List.copyOf(divergences);
    }

    Map<String, List<Finding>> findings(Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel) {
        List<Variation> variations = new ArrayList<>(plan.orderedVariations());
        if (variations.isEmpty() && plan.replay() == 0) {
            return Map.of();
        }
        // The experiment of the first run that diverged: its values are the ones that made a difference.
        int experiment = divergences.stream().mapToInt(Divergence::firstRun).min().orElse(2) - 1;
        RunConditions controlConditions = RunConditions.control(plan.variations(), plan.seed());
        List<String> replayed = plan.replay() == 0 ? List.of() : divergences.stream().map(Divergence::step).toList();
        List<Supplier<ForkedRunner.Outcome>> tasks = new ArrayList<>();
        tasks.add(() -> runner.run(control.number(), controlConditions, replayed, plan.replay()));
        for (Variation variation : variations) {
            tasks.add(() -> runner.run(control.number(), controlConditions.onlyVarying(variation, experiment),
                    List.of(), 0));
        }
        List<ForkedRunner.Outcome> outcomes = parallel.apply(tasks);
        ForkedRunner.Outcome again = outcomes.get(0);
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Divergence divergence : divergences) {
            String step = divergence.step();
            StepExecution first = control.execution(step).orElseThrow();
            boolean acrossJvms = differs(again, first);
            List<Finding> sentences = new ArrayList<>();
            List<String> blamed = new ArrayList<>();
            List<Finding> orders = new ArrayList<>();
            for (int i = 0; i < variations.size(); i++) {
                if (differs(outcomes.get(i + 1), first)) {
                    String name = variations.get(i).name().toLowerCase(Locale.ROOT);
                    blamed.add(name + "=" + outcomes.get(i + 1).conditions().get(name));
                    UnspecifiedOrderFinding.of(step, variations.get(i), outcomes.get(i + 1)).ifPresent(orders::add);
                }
            }
            if (!variations.isEmpty()) {
                if (acrossJvms) {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "it differs between fresh JVMs even with no"
                            + " variation, so no variation is to blame"));
                } else if (!blamed.isEmpty()) {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "step '" + step + "' differs under "
                            + String.join(" and ", blamed) + " (found by re-running with one variation at a time)"));
                    sentences.addAll(orders);
                } else {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "no variation alone makes it differ, only "
                            + String.join(", ", divergenceConditions(divergence)) + " together"));
                }
            }
            replayFinding(step, first, again).ifPresent(text -> sentences.add(new Finding(Finding.Kind.REPLAY,
                    text + (text.contains("deterministic by itself and") ? cause(acrossJvms, blamed) : ""))));
            if (!sentences.isEmpty()) {
                findings.put(step, sentences);
            }
        }
        return findings;
    }

    private Optional<String> replayFinding(String step, StepExecution first, ForkedRunner.Outcome again) {
        Optional<StepExecution> rerun = again.run().execution(step);
        if (plan.replay() > 0 && rerun.isPresent() && !rerun.get().argumentDigests().equals(first.argumentDigests())) {
            return Optional.of("step '" + step + "' could not be replayed on run 1's inputs: a fresh JVM gave it other"
                    + " inputs");
        }
        List<StepExecution> replays = again.replays().getOrDefault(step, List.of());
        String problem = replays.stream().filter(e -> e.status() == StepExecution.Status.NOT_RUN).findFirst()
                .flatMap(StepExecution::notRunReason).orElse(null);
        return Findings.replay(step, plan.replay(), replays.stream()
                .filter(e -> e.status() != StepExecution.Status.NOT_RUN).toList(), problem, control, "in a fresh JVM");
    }

    private static String cause(boolean acrossJvms, List<String> blamed) {
        if (!blamed.isEmpty()) {
            return ": here " + String.join(" and ", blamed);
        }
        return acrossJvms ? Findings.acrossJvmsCause() : "";
    }

    private List<String> divergenceConditions(Divergence divergence) {
        return plan.orderedVariations().stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean differs(ForkedRunner.Outcome outcome, StepExecution first) {
        return outcome.run().execution(first.step()).map(e -> Culprits.divergedOnSameInputs(first, e)).orElse(false);
    }
}
