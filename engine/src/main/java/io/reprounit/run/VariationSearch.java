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
 * Finds, for each diverged step, the variation that alone makes it differ, by a search over parts of the variations
 * rather than reprotest's one run per variation. The variations known to make the step differ are cut into one part
 * more than a round has runs (the processors); each part but the last is tried alone, all in the same round, and the
 * search goes on in the first part that makes the step differ, or else in the last, until one variation has been seen
 * alone to make the step differ. Nine variations take two or three rounds of two runs on two processors (halving
 * takes four or five rounds of one), and one round on nine. The steps are searched together: a round starts one run
 * per distinct set of variations that some step needs tried.
 *
 * <p>The cause is presumed in the last part when no other part makes the step differ; the last variation is always
 * tried alone, so that a presumption is never reported as a finding. Where it does not make the step differ, no
 * variation does alone: the step differs only under the last set seen to make it differ, together.
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
    private final int width;
    private final Map<Set<Variation>, ForkedRunner.Outcome> tried = new LinkedHashMap<>();

    /**
     * @param variations the check's variations in their declared order, all of which together made the steps differ
     * @param runAll     runs one forked run per set of variations, each with only that set at its experiment value,
     *                   together, and gives their outcomes in the same order
     * @param width      how many runs a round tries at once for one step: the processors, at least 1
     */
    VariationSearch(List<Variation> variations, Function<List<Set<Variation>>, List<ForkedRunner.Outcome>> runAll,
            Judge judge, int width) {
        this.variations = List.copyOf(variations);
        this.runAll = requireNonNull(runAll);
        this.judge = requireNonNull(judge);
        this.width = Math.max(1, width);
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
                    state.probes(width).stream().filter(set -> !tried.containsKey(set)).forEach(wanted::add);
                }
            });
            List<Set<Variation>> round = new ArrayList<>(wanted);
            List<ForkedRunner.Outcome> outcomes = round.isEmpty() ? List.of() : runAll.apply(round);
            for (int i = 0; i < round.size(); i++) {
                tried.put(round.get(i), outcomes.get(i));
            }
            states.forEach((step, state) -> {
                if (!verdicts.containsKey(step)) {
                    state.learn(width, set -> judge.differs(step, requireNonNull(tried.get(set))),
                            set -> requireNonNull(tried.get(set))).ifPresent(verdict -> verdicts.put(step, verdict));
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

        /**
         * The sets to try this round: the presumed set cut into one part more than {@code width}, each but the last;
         * every part where there are no more parts than runs, and the last variation alone once it is all that is left.
         */
        List<Set<Variation>> probes(int width) {
            List<List<Variation>> parts = parts(width);
            int tried = parts.size() <= width ? parts.size() : parts.size() - 1;
            return parts.subList(0, tried).stream().map(part -> (Set<Variation>) EnumSet.copyOf(part)).toList();
        }

        private List<List<Variation>> parts(int width) {
            int count = Math.min(presumed.size(), width + 1);
            List<List<Variation>> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(presumed.subList(i * presumed.size() / count, (i + 1) * presumed.size() / count));
            }
            return parts;
        }

        /** What this round's runs say, a verdict once the search is over. */
        Optional<Verdict> learn(int width, java.util.function.Predicate<Set<Variation>> differs,
                Function<Set<Variation>, ForkedRunner.Outcome> run) {
            List<Set<Variation>> probes = probes(width);
            List<List<Variation>> parts = parts(width);
            for (int i = 0; i < probes.size(); i++) {
                if (differs.test(probes.get(i))) {
                    if (probes.get(i).size() == 1) {
                        return Optional.of(new Verdict.Alone(probes.get(i).iterator().next(), run.apply(probes.get(i))));
                    }
                    confirmed = parts.get(i);
                    presumed = confirmed;
                    return Optional.empty();
                }
            }
            if (probes.size() == parts.size()) {
                return Optional.of(new Verdict.Together(EnumSet.copyOf(confirmed)));
            }
            presumed = parts.get(parts.size() - 1);
            return Optional.empty();
        }
    }
}
