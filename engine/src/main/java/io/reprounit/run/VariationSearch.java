package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds, for each diverged step, the variation that alone makes it differ, by bisection rather than reprotest's one run
 * per variation: the variations known to make the step differ are halved, the first half is tried alone, and the
 * search goes on in whichever half must hold the cause, until one variation is left and has been seen to make the
 * step differ by itself. Nine variations take four or five runs instead of nine. The steps are searched together, so
 * that a round starts one run per distinct set of variations that some step still needs tried.
 *
 * <p>A run's cause is presumed in the second half when the first half alone does not make the step differ; the last
 * variation is always tried alone, so that a presumption is never reported as a finding. Where it does not make the
 * step differ, no variation does alone: the step differs only under the last set seen to make it differ, together.
 */
final class VariationSearch {

    /** What the search concluded for one step. */
    sealed interface Verdict {
        /** {@code variation} alone makes the step differ; {@code run} is a run with only it varied. */
        record Alone(Variation variation, ForkedRunner.Outcome run) implements Verdict {}

        /** No variation alone makes the step differ; these do together. */
        record Together(Set<Variation> variations) implements Verdict {}
    }

    /** Whether a run's step differs from the control's. */
    interface Judge {
        boolean differs(String step, ForkedRunner.Outcome outcome);
    }

    private final List<Variation> variations;
    private final Function<List<Set<Variation>>, List<ForkedRunner.Outcome>> runAll;
    private final Judge judge;
    private final Map<Set<Variation>, ForkedRunner.Outcome> tried = new LinkedHashMap<>();

    /**
     * @param variations the check's variations in their declared order, all of which together made the steps differ
     * @param runAll     runs one forked run per set of variations, each with only that set at its experiment value,
     *                   together, and gives their outcomes in the same order
     */
    VariationSearch(List<Variation> variations, Function<List<Set<Variation>>, List<ForkedRunner.Outcome>> runAll,
            Judge judge) {
        this.variations = List.copyOf(variations);
        this.runAll = requireNonNull(runAll);
        this.judge = requireNonNull(judge);
    }

    /**
     * Searches every step at once.
     *
     * @param given     a run already made with every variation varied: when there is only one, it needs no run again
     * @param abandoned steps no longer worth searching, asked before each round (those that differ with no variation)
     */
    Map<String, Verdict> search(List<String> steps, Optional<ForkedRunner.Outcome> given,
            java.util.function.Predicate<String> abandoned) {
        given.filter(outcome -> variations.size() == 1).ifPresent(outcome -> tried.put(Set.copyOf(variations), outcome));
        Map<String, State> states = new LinkedHashMap<>();
        steps.forEach(step -> states.put(step, new State(variations)));
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        while (true) {
            states.keySet().removeIf(step -> !verdicts.containsKey(step) && abandoned.test(step));
            if (verdicts.size() == states.size()) {
                return verdicts;
            }
            Set<Set<Variation>> wanted = new LinkedHashSet<>();
            states.forEach((step, state) -> {
                if (!verdicts.containsKey(step)) {
                    Set<Variation> next = state.next();
                    if (!tried.containsKey(next)) {
                        wanted.add(next);
                    }
                }
            });
            List<Set<Variation>> round = new ArrayList<>(wanted);
            List<ForkedRunner.Outcome> outcomes = round.isEmpty() ? List.of() : runAll.apply(round);
            for (int i = 0; i < round.size(); i++) {
                tried.put(round.get(i), outcomes.get(i));
            }
            states.forEach((step, state) -> {
                if (!verdicts.containsKey(step)) {
                    ForkedRunner.Outcome outcome = requireNonNull(tried.get(state.next()));
                    state.learn(judge.differs(step, outcome), outcome).ifPresent(verdict -> verdicts.put(step, verdict));
                }
            });
        }
    }

    /** How many forked runs the search made, for the finding. */
    int runs() {
        return tried.size();
    }

    /** One step's search: the narrowest set seen to make it differ, and the part of it where the cause must be. */
    private static final class State {
        private List<Variation> confirmed;
        private List<Variation> presumed;

        State(List<Variation> all) {
            confirmed = all;
            presumed = all;
        }

        /** The set to try next: the first half of the presumed set, or its last variation. */
        Set<Variation> next() {
            return Set.copyOf(presumed.size() == 1 ? presumed : presumed.subList(0, presumed.size() / 2));
        }

        /** What the run of {@link #next()} says, a verdict once the search is over. */
        Optional<Verdict> learn(boolean differs, ForkedRunner.Outcome outcome) {
            if (presumed.size() == 1) {
                return Optional.of(differs ? new Verdict.Alone(presumed.get(0), outcome)
                        : new Verdict.Together(EnumSet.copyOf(confirmed)));
            }
            int half = presumed.size() / 2;
            if (differs) {
                confirmed = presumed.subList(0, half);
                presumed = confirmed;
            } else {
                presumed = presumed.subList(half, presumed.size());
            }
            return Optional.empty();
        }
    }
}
