package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.time.LocalDate;
import java.util.List;

/** A report dated with {@code LocalDate.now()}, in the default time zone, where the data's own zone was meant. */
@ReproducibleRun
@Case(kind = "time zone", culprit = "header", blamed = "time_zone", checks = "all")
public class TimeZoneLocalDateNow {

    @Step
    static List<Integer> load() {
        return List.of(3, 1, 4, 1, 5);
    }

    @Step
    static String header(@Input("load") List<Integer> rows) {
        return "report of " + LocalDate.now() + ": " + rows.size() + " rows";
    }

    @Step
    static int length(@Input("header") String header) {
        return header.length();
    }
}
