package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;
import java.util.Locale;

/** Control: numbers and column names written with {@code Locale.ROOT}, whatever the default locale. */
@ReproducibleRun
@Case(kind = "control: Locale.ROOT formatting", checks = {"all", "unspecified_order"})
public class ControlLocaleRoot {

    @Step
    static List<Double> metrics() {
        return List.of(0.9125, 0.0831, 12345.5);
    }

    @Step
    static String csv(@Input("metrics") List<Double> metrics) {
        String header = "quantity,price,city".toUpperCase(Locale.ROOT);
        return header + ";" + String.join(";", metrics.stream().map(m -> String.format(Locale.ROOT, "%,.3f", m))
                .toList());
    }

    @Step
    static int bytes(@Input("csv") String csv) {
        return csv.length();
    }
}
