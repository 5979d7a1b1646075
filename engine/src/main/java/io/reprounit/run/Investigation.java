package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Investigates the steps of a forked check that diverged, with more forked runs that run those steps alone on the
 * inputs run 1 kept ({@link StoredInputs}), or else stop after them: a {@link VariationSearch} that searches parts of
 * the variations for the one that makes each step differ (reprotest's auto mode tries each variation alone instead, one
 * run apiece), and the replays of the diverged steps. Whether a step differs between fresh JVMs with no variation at
 * all is told by the search runs where two of them gave run 1's output (fresh JVMs, whatever they varied, that did not
 * differ) and all agree with the verdict; the replays then ride on the first round's runs, and one that gave run 1's
 * output stands for the control's. The control runs again, replaying the steps, only where the search runs do not
 * tell, or beside the search's first round where the steps take long enough that replaying them in every run would
 * cost. Passing checks never get here.
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
     * What one search found; for each diverged step the run that stands for the control again (the control run again,
     * or a search run that gave the step's output of run 1 and replayed it); how many runs the search took; and
     * whether the control ran again through the upstream steps, not on stored inputs.
     */
    private record Searched(Map<String, VariationSearch.Verdict> verdicts, Map<String, ForkedRunner.Outcome> again,
            int runs, boolean throughUpstream) {
        ForkedRunner.Outcome againFor(String step) {
            return requireNonNull(again.get(step));
        }
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
        Searched searched = search(brief ? onInputs.quick() : onInputs, variations, diverged, parallel, width, brief);
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
                Searched again = search(through, variations, diverged, parallel, width, false);
                return findings(variations, again.verdicts(), again.again(), again.runs());
            }
        }
        return findings(variations, searched.verdicts(), searched.again(), searched.runs());
    }

    /**
     * @param riding whether the replays may ride on the search's first round: each of its runs replays the diverged
     *               steps (they are brief), and the control runs again only where the search runs do not tell
     */
    private Searched search(ForkedRunner investigating, List<Variation> variations, List<String> diverged,
            Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel, int width,
            boolean riding) {
        // The experiment of the first run that diverged: its values are the ones that made a difference.
        int experiment = divergences.stream().mapToInt(Divergence::firstRun).min().orElse(2) - 1;
        RunConditions controlConditions = controlConditions();
        List<String> replayed = plan.replay() == 0 ? List.of() : diverged;
        Supplier<ForkedRunner.Outcome> controlAgain = () -> investigating.run(control.number(), controlConditions,
                replayed, plan.replay());
        // Where no run of a first round of two or more gave a step run 1's output, the step most likely differs
        // between fresh JVMs: the control runs again through the upstream steps, as the plain run that checks a
        // difference on stored inputs would, so that one run tells.
        ForkedRunner through = runner.upTo(diverged);
        Supplier<ForkedRunner.Outcome> plainAgain = () -> through.run(control.number(), controlConditions, replayed,
                plan.replay());
        AtomicBoolean throughUpstream = new AtomicBoolean();
        AtomicReference<ForkedRunner.Outcome> again = new AtomicReference<>();
        List<ForkedRunner.Outcome> searchRuns = new ArrayList<>();
        // The control again, started for a step: through the upstream steps where no run of a first round of two or
        // more reproduced it and that tells (it differs); on stored inputs otherwise, as beside a first round.
        Function<StepExecution, ForkedRunner.Outcome> repeat = first -> {
            if (width >= 2 && !searchRuns.isEmpty() && searchRuns.stream().noneMatch(run -> reproduces(run, first))) {
                ForkedRunner.Outcome plain = plainAgain.get();
                if (differs(plain, first)) {
                    again.set(plain);
                    throughUpstream.set(true);
                    return plain;
                }
                // Rare: only variations together make it differ, or the stored inputs lack something. As before.
            }
            ForkedRunner.Outcome stored = controlAgain.get();
            again.set(stored);
            return stored;
        };
        List<ForkedRunner.Outcome> firstRound = new ArrayList<>();
        Map<ForkedRunner.Outcome, Set<Variation>> varied = new IdentityHashMap<>();
        VariationSearch search = new VariationSearch(variations, sets -> {
            boolean first = searchRuns.isEmpty();
            // Otherwise the control runs again beside the search's first round, so that it costs no round of its own.
            boolean withControl = first && !riding;
            List<Supplier<ForkedRunner.Outcome>> tasks = new ArrayList<>();
            if (withControl) {
                tasks.add(controlAgain);
            }
            boolean replaying = first && riding;
            sets.forEach(set -> tasks.add(() -> investigating.run(control.number(),
                    controlConditions.onlyVarying(set, experiment), replaying ? replayed : List.of(),
                    replaying ? plan.replay() : 0)));
            List<ForkedRunner.Outcome> outcomes = parallel.apply(tasks);
            if (withControl) {
                again.set(outcomes.get(0));
                outcomes = outcomes.subList(1, outcomes.size());
            }
            if (replaying) {
                firstRound.addAll(outcomes);
            }
            searchRuns.addAll(outcomes);
            for (int i = 0; i < outcomes.size(); i++) {
                varied.put(outcomes.get(i), sets.get(i));
            }
            return outcomes;
        }, (step, outcome) -> differs(outcome, control.execution(step).orElseThrow()), width);
        Map<String, VariationSearch.Verdict> verdicts = variations.isEmpty() ? Map.of()
                : search.search(diverged, experimentRun, step -> {
                    StepExecution first = control.execution(step).orElseThrow();
                    ForkedRunner.Outcome repeated = again.get();
                    if (repeated == null) {
                        // A fresh JVM that gave run 1's output, whatever it varied, is the evidence the control again
                        // would give: the step does not differ between fresh JVMs. Only where none did is it started.
                        if (searchRuns.isEmpty() || searchRuns.stream().anyMatch(run -> reproduces(run, first))) {
                            return false;
                        }
                        repeated = repeat.apply(first);
                    }
                    return differs(repeated, first);
                });
        Map<String, ForkedRunner.Outcome> evidence = new LinkedHashMap<>();
        StepExecution unsettled = null;
        if (again.get() == null) {
            for (String step : diverged) {
                StepExecution first = control.execution(step).orElseThrow();
                Optional<ForkedRunner.Outcome> reproduced = firstRound.stream()
                        .filter(run -> reproduces(run, first) && replaysAgree(run, step)).findFirst();
                if (!settled(verdicts.get(step), varied, first) || reproduced.isEmpty()) {
                    unsettled = first;
                    break;
                }
                evidence.put(step, reproduced.get());
            }
        }
        if (evidence.size() < diverged.size()) {
            ForkedRunner.Outcome known = again.get();
            ForkedRunner.Outcome repeated = known != null ? known : repeat.apply(requireNonNull(unsettled));
            diverged.forEach(step -> evidence.put(step, repeated));
        }
        return new Searched(verdicts, evidence, search.runs(), throughUpstream.get());
    }

    /**
     * Whether the search runs tell that the step does not differ between fresh JVMs as firmly as the control run again
     * would: at least two of them gave run 1's output, and every one differed exactly where the verdict says it
     * should, where it varied all the variations blamed. A step whose output changes with each JVM start can give run
     * 1's output by chance (a Set.of of a few elements, as the control again can); it then has to do so in two runs,
     * and differ or not where the verdict says, for the control not to run again.
     */
    private static boolean settled(VariationSearch.@Nullable Verdict verdict,
            Map<ForkedRunner.Outcome, Set<Variation>> varied, StepExecution first) {
        Set<Variation> blamed = verdict instanceof VariationSearch.Verdict.Alone alone ? Set.of(alone.variation())
                : verdict instanceof VariationSearch.Verdict.Together together ? together.variations() : null;
        return blamed != null && varied.keySet().stream().filter(run -> reproduces(run, first)).count() >= 2
                && varied.entrySet().stream().allMatch(run -> run.getValue().containsAll(blamed)
                        ? differs(run.getKey(), first) : reproduces(run.getKey(), first));
    }

    /** Whether {@code run} gave {@code first}'s step run 1's output on run 1's inputs. */
    private static boolean reproduces(ForkedRunner.Outcome run, StepExecution first) {
        return run.run().execution(first.step()).map(e -> Culprits.reproducedOnSameInputs(first, e)).orElse(false);
    }

    /**
     * Whether {@code run}'s replays of {@code step} all ran and gave one output, so that they say what the control's
     * would: a run whose replays differ, under variations, leaves that to the control again.
     */
    private boolean replaysAgree(ForkedRunner.Outcome run, String step) {
        List<StepExecution> replays = run.replays().getOrDefault(step, List.of());
        return plan.replay() == 0 || replays.size() == plan.replay()
                && replays.stream().allMatch(e -> e.status() != StepExecution.Status.NOT_RUN)
                && replays.stream().map(Culprits::result).distinct().count() == 1;
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

    private static boolean differs(ForkedRunner.Outcome outcome, StepExecution first) {
        return outcome.run().execution(first.step()).map(e -> Culprits.divergedOnSameInputs(first, e)).orElse(false);
    }
}
