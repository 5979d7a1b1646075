package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

/** Fixed event times formatted with a {@code SimpleDateFormat}, which follows the default time zone. */
@ReproducibleRun
@Case(kind = "time zone", culprit = "format", blamed = "time_zone", checks = "all")
public class TimeZoneSimpleDateFormat {

    @Step
    static List<Long> events() {
        return List.of(1_700_000_000_000L, 1_700_050_000_000L, 1_700_100_000_000L);
    }

    @Step
    static List<String> format(@Input("events") List<Long> events) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
        return events.stream().map(millis -> format.format(new Date(millis))).toList();
    }

    @Step
    static String days(@Input("format") List<String> formatted) {
        return String.join(";", formatted);
    }
}
