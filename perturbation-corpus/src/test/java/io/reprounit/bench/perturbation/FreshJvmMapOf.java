package io.reprounit.bench.perturbation;

import static java.util.Map.entry;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Class weights from a {@code Map.ofEntries} constant, listed in its iteration order: salted at each JVM start. */
@ReproducibleRun
@Case(kind = "fresh JVM", culprit = "weights", blamed = Case.FRESH_JVM, checks = "")
public class FreshJvmMapOf {

    private static final Map<String, Integer> WEIGHTS = Map.ofEntries(entry("setosa", 1), entry("versicolor", 2),
            entry("virginica", 3), entry("spam", 4), entry("ham", 5), entry("cat", 6), entry("dog", 7),
            entry("bird", 8), entry("fish", 9), entry("car", 10), entry("bus", 11), entry("train", 12),
            entry("plane", 13), entry("ship", 14), entry("bike", 15), entry("red", 16), entry("green", 17),
            entry("blue", 18), entry("north", 19), entry("south", 20));

    @Step
    static int classes() {
        return WEIGHTS.size();
    }

    @Step
    static List<String> weights(@Input("classes") int classes) {
        List<String> lines = new ArrayList<>();
        WEIGHTS.forEach((label, weight) -> lines.add(label + "=" + weight));
        return lines.subList(0, classes);
    }

    @Step
    static String first(@Input("weights") List<String> weights) {
        return weights.get(0);
    }
}
