package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The forked runs of one {@link VariationSearch} over the diverged steps of a check: the search runs, their first round
 * (whose runs replay the diverged steps where the replays ride on it), and the control run again. Whether a step
 * differs between fresh JVMs with no variation at all is told by the search runs where two of them gave run 1's output
 * (fresh JVMs, whatever they varied, that did not differ) and all agree with the verdict; the replays then ride on the
 * first round's runs, and one that gave run 1's output stands for the control's. The control runs again, replaying the
 * steps, only where the search runs do not tell, or beside the search's first round where the steps take long enough
 * that replaying them in every run would cost. One search apiece: it keeps what its runs gave.
 */
final class SearchRuns {

    /**
     * What one search found; for each diverged step the run that stands for the control again (the control run again,
     * or a search run that gave the step's output of run 1 and replayed it); how many runs the search took; and
     * whether the control ran again through the upstream steps, not on stored inputs.
     */
    record Searched(Map<String, VariationSearch.Verdict> verdicts, Map<String, ForkedRunner.Outcome> again,
            int runs, boolean throughUpstream) {
        ForkedRunner.Outcome againFor(String step) {
            return requireNonNull(again.get(step));
        }
    }

    private final ForkedRunner investigating;
    /** Runs the control again through the upstream steps, where a first round tells that it is worth it. */
    private final ForkedRunner through;
    private final CheckPlan plan;
    private final Run control;
    private final RunConditions controlConditions;
    private final List<String> diverged;
    private final List<String> replayed;
    /** The experiment of the first run that diverged: its values are the ones that made a difference. */
    private final int experiment;
    private final Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel;
    private final int width;
    private final boolean riding;

    private final List<ForkedRunner.Outcome> searchRuns = new ArrayList<>();
    private final List<ForkedRunner.Outcome> firstRound = new ArrayList<>();
    private final Map<ForkedRunner.Outcome, Set<Variation>> varied = new IdentityHashMap<>();
    private ForkedRunner.@Nullable Outcome again;
    private boolean throughUpstream;

    /**
     * @param runner        the check's runner, which the control runs again through the upstream steps with
     * @param investigating runs the search runs and the control again on stored inputs, or through the upstream steps
     * @param parallel      runs forked runs together, as many at a time as {@code width}
     * @param width         how many runs go at once: a round of the search tries that many sets of variations
     * @param riding        whether the replays may ride on the search's first round: each of its runs replays the
     *                      diverged steps (they are brief), and the control runs again only where the search runs do
     *                      not tell
     */
    SearchRuns(ForkedRunner runner, ForkedRunner investigating, CheckPlan plan, Run control,
            List<Divergence> divergences,
            Function<List<Supplier<ForkedRunner.Outcome>>, List<ForkedRunner.Outcome>> parallel, int width,
            boolean riding) {
        this.investigating = requireNonNull(investigating);
        this.plan = requireNonNull(plan);
        this.control = requireNonNull(control);
        this.diverged = divergences.stream().map(Divergence::step).toList();
        this.experiment = divergences.stream().mapToInt(Divergence::firstRun).min().orElse(2) - 1;
        this.controlConditions = RunConditions.control(plan.variations(), plan.seed());
        this.replayed = plan.replay() == 0 ? List.of() : diverged;
        this.through = runner.upTo(diverged);
        this.parallel = requireNonNull(parallel);
        this.width = width;
        this.riding = riding;
    }

    /**
     * @param variations    the check's variations in their declared order
     * @param experimentRun the first run that diverged, as a run of its own with every variation varied
     */
    Searched search(List<Variation> variations, Optional<ForkedRunner.Outcome> experimentRun) {
        VariationSearch search = new VariationSearch(variations, this::round,
                (step, outcome) -> differs(outcome, first(step)), width);
        Map<String, VariationSearch.Verdict> verdicts = variations.isEmpty() ? Map.of()
                : search.search(diverged, experimentRun, this::differsWithNoVariation);
        Map<String, ForkedRunner.Outcome> evidence = evidence(verdicts);
        return new Searched(verdicts, evidence, search.runs(), throughUpstream);
    }

    /** One round of the search: a run per set of variations, and with the first round the control again or replays. */
    private List<ForkedRunner.Outcome> round(List<Set<Variation>> sets) {
        boolean starting = searchRuns.isEmpty();
        // Unless the replays ride on the first round, the control runs again beside it: it costs no round of its own.
        boolean withControl = starting && !riding;
        boolean replaying = starting && riding;
        List<Supplier<ForkedRunner.Outcome>> tasks = new ArrayList<>();
        if (withControl) {
            tasks.add(this::controlAgain);
        }
        sets.forEach(set -> tasks.add(() -> searchRun(set, replaying)));
        List<ForkedRunner.Outcome> outcomes = parallel.apply(tasks);
        if (withControl) {
            again = outcomes.get(0);
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
    }

    private ForkedRunner.Outcome searchRun(Set<Variation> set, boolean replaying) {
        return investigating.run(control.number(), controlConditions.onlyVarying(set, experiment),
                replaying ? replayed : List.of(), replaying ? plan.replay() : 0);
    }

    private ForkedRunner.Outcome controlAgain() {
        return investigating.run(control.number(), controlConditions, replayed, plan.replay());
    }

    /**
     * Where no run of a first round of two or more gave a step run 1's output, the step most likely differs between
     * fresh JVMs: the control runs again through the upstream steps, as the plain run that checks a difference on
     * stored inputs would, so that one run tells.
     */
    private ForkedRunner.Outcome controlThroughUpstream() {
        return through.run(control.number(), controlConditions, replayed, plan.replay());
    }

    /** Whether the search should abandon {@code step}: it differs between fresh JVMs with no variation. */
    private boolean differsWithNoVariation(String step) {
        StepExecution first = first(step);
        ForkedRunner.Outcome repeated = again;
        if (repeated == null) {
            // A fresh JVM that gave run 1's output, whatever it varied, is the evidence the control again would give:
            // the step does not differ between fresh JVMs. Only where none did is it started.
            if (searchRuns.isEmpty() || searchRuns.stream().anyMatch(run -> reproduces(run, first))) {
                return false;
            }
            repeated = startControlAgain(first);
        }
        return differs(repeated, first);
    }

    /**
     * The control again, started for a step: through the upstream steps where no run of a first round of two or more
     * reproduced it and that tells (it differs); on stored inputs otherwise, as beside a first round.
     */
    private ForkedRunner.Outcome startControlAgain(StepExecution first) {
        if (width >= 2 && !searchRuns.isEmpty() && searchRuns.stream().noneMatch(run -> reproduces(run, first))) {
            ForkedRunner.Outcome plain = controlThroughUpstream();
            if (differs(plain, first)) {
                again = plain;
                throughUpstream = true;
                return plain;
            }
            // Rare: only variations together make it differ, or the stored inputs lack something. As before.
        }
        ForkedRunner.Outcome stored = controlAgain();
        again = stored;
        return stored;
    }

    /**
     * For each diverged step, the run that stands for the control again: a first-round run that settles it, or else
     * the control again, started for the first step that none settles where it has not run yet.
     */
    private Map<String, ForkedRunner.Outcome> evidence(Map<String, VariationSearch.Verdict> verdicts) {
        Map<String, ForkedRunner.Outcome> evidence = new LinkedHashMap<>();
        StepExecution unsettled = null;
        if (again == null) {
            for (String step : diverged) {
                StepExecution first = first(step);
                Optional<ForkedRunner.Outcome> reproduced = firstRound.stream()
                        .filter(run -> reproduces(run, first) && replaysAgree(run, step)).findFirst();
                if (!settled(verdicts.get(step), first) || reproduced.isEmpty()) {
                    unsettled = first;
                    break;
                }
                evidence.put(step, reproduced.get());
            }
        }
        if (evidence.size() < diverged.size()) {
            ForkedRunner.Outcome known = again;
            ForkedRunner.Outcome repeated = known != null ? known : startControlAgain(requireNonNull(unsettled));
            diverged.forEach(step -> evidence.put(step, repeated));
        }
        return evidence;
    }

    /**
     * Whether the search runs tell that the step does not differ between fresh JVMs as firmly as the control run again
     * would: at least two of them gave run 1's output, and every one differed exactly where the verdict says it
     * should, where it varied all the variations blamed. A step whose output changes with each JVM start can give run
     * 1's output by chance (a Set.of of a few elements, as the control again can); it then has to do so in two runs,
     * and differ or not where the verdict says, for the control not to run again.
     */
    private boolean settled(VariationSearch.@Nullable Verdict verdict, StepExecution first) {
        Set<Variation> blamed = verdict instanceof VariationSearch.Verdict.Alone alone ? Set.of(alone.variation())
                : verdict instanceof VariationSearch.Verdict.Together together ? together.variations() : null;
        return blamed != null && varied.keySet().stream().filter(run -> reproduces(run, first)).count() >= 2
                && varied.entrySet().stream().allMatch(run -> run.getValue().containsAll(blamed)
                        ? differs(run.getKey(), first) : reproduces(run.getKey(), first));
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

    private StepExecution first(String step) {
        return control.execution(step).orElseThrow();
    }

    /** Whether {@code run} gave {@code first}'s step run 1's output on run 1's inputs. */
    private static boolean reproduces(ForkedRunner.Outcome run, StepExecution first) {
        return run.run().execution(first.step()).map(e -> Culprits.reproducedOnSameInputs(first, e)).orElse(false);
    }

    /** Whether {@code outcome} gave {@code first}'s step another output than run 1 on run 1's inputs. */
    static boolean differs(ForkedRunner.Outcome outcome, StepExecution first) {
        return outcome.run().execution(first.step()).map(e -> Culprits.divergedOnSameInputs(first, e)).orElse(false);
    }
}
