package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.reprounit.api.Variation;
import io.reprounit.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search over variations, with runs whose steps differ by a rule instead of forked JVMs: it finds the one
 * variation that makes a step differ wherever that variation sits, in fewer runs than one per variation, and says when
 * only several together do.
 */
class VariationSearchTest {

    private static final List<Variation> ALL = List.of(Variation.values());

    /** Every run the search asked for, as the set of variations it varied. */
    private final List<Set<Variation>> asked = new ArrayList<>();
    private final List<Integer> roundSizes = new ArrayList<>();

    static Stream<Arguments> culpritsAndWidths() {
        return Stream.of(1, 2).flatMap(width -> ALL.stream().map(culprit -> arguments(culprit, width)));
    }

    @ParameterizedTest(name = "{0}, {1} at a time")
    @MethodSource("culpritsAndWidths")
    void findsTheOneVariationWhereverItIsInFewRuns(Variation culprit, int width) {
        Map<String, VariationSearch.Verdict> verdicts = search(ALL, varied -> varied.contains(culprit), "step", width);

        assertThat(verdicts.get("step")).isInstanceOfSatisfying(VariationSearch.Verdict.Alone.class, alone -> {
            assertThat(alone.variation()).isEqualTo(culprit);
            assertThat(alone.run().conditions()).containsEntry("varied", culprit.name());
        });
        int halvings = 32 - Integer.numberOfLeadingZeros(ALL.size() - 1); // ceil(log2 n)
        assertThat(asked).as("runs asked for").hasSizeLessThan(ALL.size()).doesNotHaveDuplicates();
        assertThat(roundSizes).as("runs per round").allMatch(size -> size <= width);
        if (width == 1) {
            assertThat(asked).hasSizeLessThanOrEqualTo(halvings + 1);
        } else {
            assertThat(roundSizes).as("rounds, each trying %s parts", width).hasSizeLessThanOrEqualTo(halvings - 1);
        }
        assertThat(asked).as("the culprit was tried alone before it was named").contains(Set.of(culprit));
    }

    @Test
    void asManyRunsAsVariationsFindItInOneRound() {
        Map<String, VariationSearch.Verdict> verdicts = search(ALL, varied -> varied.contains(Variation.USER), "step",
                ALL.size());

        assertThat(verdicts.get("step")).extracting(v -> ((VariationSearch.Verdict.Alone) v).variation())
                .isEqualTo(Variation.USER);
        assertThat(roundSizes).containsExactly(ALL.size());
    }

    @Test
    void variationsThatOnlyTogetherMakeADifferenceAreNamedTogether() {
        Map<String, VariationSearch.Verdict> close = search(ALL,
                varied -> varied.contains(Variation.TIME_ZONE) && varied.contains(Variation.LOCALE), "step", 1);
        Map<String, VariationSearch.Verdict> apart = search(ALL,
                varied -> varied.contains(Variation.LOCALE) && varied.contains(Variation.ENVIRONMENT), "step", 2);

        assertThat(close.get("step")).as("narrowed to the two").isEqualTo(
                new VariationSearch.Verdict.Together(EnumSet.of(Variation.TIME_ZONE, Variation.LOCALE)));
        assertThat(apart.get("step")).as("the last set seen to make it differ").isInstanceOfSatisfying(
                VariationSearch.Verdict.Together.class, together -> assertThat(together.variations())
                        .contains(Variation.LOCALE, Variation.ENVIRONMENT));
    }

    @Test
    void stepsWithDifferentCulpritsAreSearchedInTheSameRounds() {
        Map<String, VariationSearch.Verdict> verdicts = new VariationSearch(ALL, this::run, (step, outcome) -> {
            String varied = outcome.conditions().get("varied");
            return step.equals("dates") ? varied.contains(Variation.TIME_ZONE.name())
                    : varied.contains(Variation.ENVIRONMENT.name());
        }, 2).search(List.of("dates", "dump"), Optional.empty(), step -> false);

        assertThat(verdicts.get("dates")).extracting(v -> ((VariationSearch.Verdict.Alone) v).variation())
                .isEqualTo(Variation.TIME_ZONE);
        assertThat(verdicts.get("dump")).extracting(v -> ((VariationSearch.Verdict.Alone) v).variation())
                .isEqualTo(Variation.ENVIRONMENT);
        assertThat(roundSizes).as("a round runs what each step needs next, together").allMatch(size -> size <= 4)
                .hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aSingleVariationNeedsNoRunBeyondTheOneGiven() {
        ForkedRunner.Outcome given = outcome(EnumSet.of(Variation.LOCALE));

        Map<String, VariationSearch.Verdict> verdicts = new VariationSearch(List.of(Variation.LOCALE), this::run,
                (step, outcome) -> true, 2).search(List.of("step"), Optional.of(given), step -> false);

        assertThat(asked).isEmpty();
        assertThat(verdicts.get("step")).isEqualTo(new VariationSearch.Verdict.Alone(Variation.LOCALE, given));
    }

    @Test
    void anAbandonedStepGetsNoVerdictAndNoMoreRuns() {
        Map<String, VariationSearch.Verdict> verdicts = new VariationSearch(ALL, this::run,
                (step, outcome) -> outcome.conditions().get("varied").contains("LOCALE"), 2)
                .search(List.of("step"), Optional.empty(), step -> !asked.isEmpty());

        assertThat(verdicts).isEmpty();
        assertThat(roundSizes).as("one round only").hasSize(1);
    }

    private Map<String, VariationSearch.Verdict> search(List<Variation> variations, Predicate<Set<Variation>> differs,
            String step, int width) {
        return new VariationSearch(variations, this::run,
                (name, outcome) -> differs.test(parse(outcome.conditions().get("varied"))), width)
                .search(List.of(step), Optional.empty(), name -> false);
    }

    private List<ForkedRunner.Outcome> run(List<Set<Variation>> sets) {
        asked.addAll(sets);
        roundSizes.add(sets.size());
        return sets.stream().map(VariationSearchTest::outcome).toList();
    }

    private static ForkedRunner.Outcome outcome(Set<Variation> varied) {
        String names = varied.stream().map(Variation::name).sorted().collect(Collectors.joining(","));
        return new ForkedRunner.Outcome(new Run(1, List.of(), Fingerprint.empty(), Instant.EPOCH, Instant.EPOCH),
                Map.of(), Map.of("varied", names), Map.of());
    }

    private static Set<Variation> parse(String names) {
        EnumSet<Variation> set = EnumSet.noneOf(Variation.class);
        for (String name : names.split(",")) {
            if (!name.isEmpty()) {
                set.add(Variation.valueOf(name));
            }
        }
        return set;
    }
}
