package io.reprounit.run;

import static io.reprounit.run.SearchRuns.differs;
import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import io.reprounit.run.SearchRuns.Searched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Investigates the steps of a forked check that diverged, with more forked runs that run those steps alone on the
 * inputs run 1 kept ({@link StoredInputs}), or else stop after them: a {@link VariationSearch} that searches parts of
 * the variations for the one that makes each step differ (reprotest's auto mode tries each variation alone instead, one
 * run apiece), and the replays of the diverged steps; {@link SearchRuns} makes those runs and tells where the control
 * runs again. Investigation turns what they found into findings. Passing checks never get here.
 */
final class Investigation {

    /** How long the steps an investigating run repeats may have taken in run 1 for it to skip C2. */
    private static final Duration BRIEF = Duration.ofSeconds(2);

    private final ForkedRunner runner;
    private final CheckPlan plan;
    private final Run control;
    private final List<Divergence> divergences;
    private final Optional<ForkedRunner.Outcome> experimentRun;
    private final Materializers materializers;

    /**
     * @param experimentRun the first run that diverged, as a run of its own with every variation varied
     * @param materializers what reads the control's kept outputs back, for runs that start from them
     */
    Investigation(ForkedRunner runner, CheckPlan plan, Run control, List<Divergence> divergences,
            Optional<ForkedRunner.Outcome> experimentRun, Materializers materializers) {
        this.runner = requireNonNull(runner);
        this.plan = requireNonNull(plan);
        this.control = requireNonNull(control);
        this.divergences = List.copyOf(divergences);
        this.experimentRun = requireNonNull(experimentRun);
        this.materializers = requireNonNull(materializers);
    }

    /**
     * @param parallel runs forked runs together, as many at a time as {@code width}
     * @param width    how many runs go at once: a round of the search tries that many sets of variations
     */
    Map<String, List<Finding>> findings(Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel,
            int width) {
        List<Variation> variations = new ArrayList<>(plan.orderedVariations());
        if (variations.isEmpty() && plan.replay() == 0) {
            return Map.of();
        }
        List<String> diverged = divergences.stream().map(Divergence::step).toList();
        ForkedRunner onInputs = runner.onStoredInputs(diverged, control, materializers);
        boolean brief = briefIn(control, onInputs.stepNames());
        Searched searched = search(brief ? onInputs.quick() : onInputs, variations, parallel, width, brief);
        // With no variation the check's own runs are fresh JVMs that differ with none, and a control run again through
        // the upstream steps was that plain run already: the plain run below could only say so again.
        if (!variations.isEmpty() && !searched.throughUpstream() && (brief || onInputs.startsFromStoredInputs())
                && divergences.stream().anyMatch(d -> differs(searched.againFor(d.step()), first(d)))) {
            // A step that differs on its kept inputs under the control's own conditions may be missing something its
            // upstream steps left behind (a static field), or react to the compiler: one plain run through the
            // upstream steps tells, and the search is then redone so.
            ForkedRunner through = runner.upTo(diverged);
            ForkedRunner.Outcome check = through.run(control.number(), controlConditions(), List.of(), 0);
            if (divergences.stream().anyMatch(d -> differs(searched.againFor(d.step()), first(d))
                    && !differs(check, first(d)))) {
                Searched again = search(through, variations, parallel, width, false);
                return findings(variations, again.verdicts(), again.again(), again.runs());
            }
        }
        return findings(variations, searched.verdicts(), searched.again(), searched.runs());
    }

    /** @param riding whether the replays may ride on the search's first round ({@link SearchRuns}) */
    private Searched search(ForkedRunner investigating, List<Variation> variations,
            Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel, int width,
            boolean riding) {
        return new SearchRuns(runner, investigating, plan, control, divergences, parallel, width, riding)
                .search(variations, experimentRun);
    }

    /** Steps that run 1 ran in less than {@link #BRIEF} all together: their runs mostly start a JVM. */
    private static boolean briefIn(Run control, List<String> steps) {
        Duration took = steps.stream().flatMap(step -> control.execution(step).stream()).map(StepExecution::duration)
                .reduce(Duration.ZERO, Duration::plus);
        return took.compareTo(BRIEF) < 0;
    }

    private RunConditions controlConditions() {
        return RunConditions.control(plan.variations(), plan.seed());
    }

    private StepExecution first(Divergence divergence) {
        return control.execution(divergence.step()).orElseThrow();
    }

    private Map<String, List<Finding>> findings(List<Variation> variations, Map<String, VariationSearch.Verdict> verdicts,
            Map<String, ForkedRunner.Outcome> evidence, int searchRuns) {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Divergence divergence : divergences) {
            String step = divergence.step();
            StepExecution first = control.execution(step).orElseThrow();
            ForkedRunner.Outcome again = requireNonNull(evidence.get(step));
            // With no variation, the check's own runs are fresh JVMs that gave the step other outputs.
            boolean acrossJvms = variations.isEmpty() || differs(again, first);
            List<Finding> sentences = new ArrayList<>();
            List<String> blamed = new ArrayList<>();
            List<Finding> orders = new ArrayList<>();
            VariationSearch.Verdict verdict = verdicts.get(step);
            if (!acrossJvms && verdict instanceof VariationSearch.Verdict.Alone alone) {
                String name = alone.variation().name().toLowerCase(Locale.ROOT);
                blamed.add(name + "=" + alone.run().conditions().get(name));
                UnspecifiedOrderFinding.of(step, alone.variation(), alone.run()).ifPresent(orders::add);
            }
            if (!variations.isEmpty()) {
                if (acrossJvms) {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "it differs between fresh JVMs even with no"
                            + " variation, so no variation is to blame"));
                } else if (!blamed.isEmpty()) {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "step '" + step + "' differs under "
                            + String.join(" and ", blamed) + how(variations.size(), searchRuns) + seed(verdict)));
                    sentences.addAll(orders);
                    if (verdict instanceof VariationSearch.Verdict.Alone alone
                            && alone.variation() == Variation.CPU_CONTENTION) {
                        sentences.add(new Finding(Finding.Kind.VARIATION, Findings.race()));
                    }
                } else if (verdict instanceof VariationSearch.Verdict.Together together) {
                    sentences.add(new Finding(Finding.Kind.VARIATION, "no variation alone makes it differ, only "
                            + together.variations().stream().map(v -> v.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")) + " together"));
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

    /** Where the variation's values were random: the seed that gives them again. */
    private String seed(VariationSearch.@Nullable Verdict verdict) {
        return verdict instanceof VariationSearch.Verdict.Alone alone && RunConditions.isSeeded(alone.variation())
                ? "; its values came from seed " + plan.seed() + ": set " + RunSettings.SEED_KEY + "=" + plan.seed()
                        + " to give them again"
                : "";
    }

    /** How the variation was found, so that a reader knows it was tried alone. */
    private static String how(int variations, int runs) {
        return variations == 1 ? "" : " (found by searching " + variations + " variations in " + runs + " forked runs,"
                + " and confirmed alone)";
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
}
