package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;

/** Column names upper-cased with {@code toUpperCase()}: in Turkish, {@code i} becomes a dotted capital {@code İ}. */
@ReproducibleRun
@Case(kind = "locale", culprit = "header", blamed = "locale", checks = "all")
public class LocaleTurkishUpperCase {

    @Step
    static List<String> columns() {
        return List.of("id", "price", "quantity", "city");
    }

    @Step
    static List<String> header(@Input("columns") List<String> columns) {
        return columns.stream().map(String::toUpperCase).toList();
    }

    @Step
    static String line(@Input("header") List<String> header) {
        return String.join(",", header);
    }
}
