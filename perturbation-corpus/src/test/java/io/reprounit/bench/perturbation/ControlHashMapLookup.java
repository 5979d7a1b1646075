package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Control: a {@code HashMap} that is only looked up, in the order of a list, never iterated. */
@ReproducibleRun
@Case(kind = "control: HashMap only looked up", checks = {"all", "unspecified_order"})
public class ControlHashMapLookup {

    @Step
    static List<String> words() {
        return List.of("red", "green", "blue", "red", "cyan", "magenta", "yellow", "green", "black", "white");
    }

    @Step
    static List<String> counts(@Input("words") List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word, 1, Integer::sum);
        }
        return words.stream().distinct().map(word -> word + "=" + counts.get(word)).toList();
    }

    @Step
    static String line(@Input("counts") List<String> counts) {
        return String.join(",", counts);
    }
}
