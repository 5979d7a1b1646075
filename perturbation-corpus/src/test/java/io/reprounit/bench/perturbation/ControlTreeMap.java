package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Control: word counts in a {@code TreeMap}, whose order is the keys' own. */
@ReproducibleRun
@Case(kind = "control: sorted map", checks = {"all", "unspecified_order"})
public class ControlTreeMap {

    @Step
    static List<String> words() {
        return List.of("red", "green", "blue", "red", "cyan", "magenta", "yellow", "green", "black", "white");
    }

    @Step
    static List<String> counts(@Input("words") List<String> words) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : words) {
            counts.merge(word, 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((word, count) -> lines.add(word + "=" + count));
        return lines;
    }

    @Step
    static String line(@Input("counts") List<String> counts) {
        return String.join(",", counts);
    }
}
