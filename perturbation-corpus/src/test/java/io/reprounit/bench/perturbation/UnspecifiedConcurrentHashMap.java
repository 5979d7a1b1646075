package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Word counts in a {@code ConcurrentHashMap}, listed in the order of its key set. */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "counts", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedConcurrentHashMap {

    @Step
    static List<String> words() {
        return List.of("red", "green", "blue", "red", "cyan", "magenta", "yellow", "green", "black", "white");
    }

    @Step
    static List<String> counts(@Input("words") List<String> words) {
        ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
        for (String word : words) {
            counts.merge(word, 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        for (String word : counts.keySet()) {
            lines.add(word + "=" + counts.get(word));
        }
        return lines;
    }

    @Step
    static String line(@Input("counts") List<String> counts) {
        return String.join(",", counts);
    }
}
