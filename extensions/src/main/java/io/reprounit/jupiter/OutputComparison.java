package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.compare.Renderings;
import io.reprounit.compare.RunComparator;
import io.reprounit.compare.StepVerdict;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Compares one run's outputs with the first run's, name by name, and fails as the engine fails a diverged step: an
 * {@link AssertionFailedError} naming the output, with the first run's rendering as expected and this run's as actual,
 * so that an IDE opens its diff view.
 */
final class OutputComparison {

    private OutputComparison() {}

    /** Whether two runs' outputs agree, by the rule every comparison of runs applies. */
    static boolean agree(Artifact first, Artifact later, Normalization normalization) {
        return RunComparator.agree(first, later, normalization);
    }

    static void compare(Map<String, Artifact> first, Map<String, Artifact> later,
            Map<String, Normalization> normalizations, int run) {
        if (!first.keySet().equals(later.keySet())) {
            TreeSet<String> missing = new TreeSet<>(first.keySet());
            missing.removeAll(later.keySet());
            TreeSet<String> added = new TreeSet<>(later.keySet());
            added.removeAll(first.keySet());
            List<String> clauses = new ArrayList<>();
            if (!missing.isEmpty()) {
                clauses.add("it did not record " + quoted(missing));
            }
            if (!added.isEmpty()) {
                clauses.add("it recorded " + quoted(added) + ", which run 1 did not");
            }
            throw new AssertionFailedError("Run " + run + " recorded other outputs than run 1: "
                    + String.join(", and ", clauses), new TreeSet<>(first.keySet()).toString(),
                    new TreeSet<>(later.keySet()).toString());
        }
        List<String> differing = first.keySet().stream()
                .filter(name -> !agree(requireNonNull(first.get(name)), requireNonNull(later.get(name)),
                        normalization(normalizations, name)))
                .toList();
        if (differing.isEmpty()) {
            return;
        }
        String name = differing.get(0);
        Artifact expected = requireNonNull(first.get(name)); // both runs recorded the same names, checked above
        Artifact actual = requireNonNull(later.get(name));
        String others = differing.size() == 1 ? ""
                : "; " + quoted(differing.subList(1, differing.size())) + " also " + (differing.size() == 2 ? "differs"
                        : "differ");
        Renderings.Compared compared = Renderings.compare(expected, actual); // one walk over both outputs
        Normalization normalization = normalization(normalizations, name);
        String tolerance = normalization.hasTolerance()
                ? "; " + normalization.compareWithinTolerance(expected, actual).detail() : "";
        String normalizers = normalization.isNone() ? ""
                : " (compared after its normalizers: " + normalization.describe() + ")";
        throw new AssertionFailedError("output '" + name + "' differs between runs: it is not reproducible (run 1: "
                + Digests.shortForm(expected.digest()) + ", run " + run + ": " + Digests.shortForm(actual.digest())
                + ")" + tolerance + "; " + compared.firstDifference() + normalizers + others,
                shown(compared.expected()), shown(compared.actual()));
    }

    private static Normalization normalization(Map<String, Normalization> normalizations, String name) {
        return normalizations.getOrDefault(name, Normalization.none());
    }

    /** Digest and size first, so that the IDE's diff view shows them side by side too. */
    private static String shown(StepVerdict.Rendering rendering) {
        return rendering.digest() + " (" + rendering.size() + " bytes)\n" + rendering.text();
    }

    private static String quoted(java.util.Collection<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}
