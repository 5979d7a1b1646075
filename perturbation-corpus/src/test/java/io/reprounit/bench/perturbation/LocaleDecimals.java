package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;

/** Metrics written with {@code String.format("%.3f")}, whose decimal separator follows the default locale. */
@ReproducibleRun
@Case(kind = "locale", culprit = "csv", blamed = "locale", checks = "all")
public class LocaleDecimals {

    @Step
    static List<Double> metrics() {
        return List.of(0.9125, 0.0831, 12.5);
    }

    @Step
    static String csv(@Input("metrics") List<Double> metrics) {
        return String.join(";", metrics.stream().map(m -> String.format("%.3f", m)).toList());
    }

    @Step
    static int bytes(@Input("csv") String csv) {
        return csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
