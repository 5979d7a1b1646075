package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Columns gathered in a {@code HashMap} with String keys, written in their iteration order (unspecified). */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "columns", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedHashMapStringKeys {

    @Step
    static List<String> names() {
        return List.of("price", "quantity", "city", "id", "discount", "category", "weight", "colour");
    }

    @Step
    static List<String> columns(@Input("names") List<String> names) {
        Map<String, Integer> widths = new HashMap<>();
        for (String name : names) {
            widths.put(name, name.length());
        }
        List<String> header = new ArrayList<>();
        widths.forEach((name, width) -> header.add(name + ":" + width));
        return header;
    }

    @Step
    static String line(@Input("columns") List<String> columns) {
        return String.join(",", columns);
    }
}
