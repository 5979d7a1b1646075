package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Control: columns in a {@code LinkedHashMap}, which iterates in insertion order. */
@ReproducibleRun
@Case(kind = "control: insertion-ordered map", checks = {"all", "unspecified_order"})
public class ControlLinkedHashMap {

    @Step
    static List<String> names() {
        return List.of("price", "quantity", "city", "id", "discount", "category", "weight", "colour");
    }

    @Step
    static List<String> columns(@Input("names") List<String> names) {
        Map<String, Integer> widths = new LinkedHashMap<>();
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
