package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Control: event times formatted and truncated to days in an explicit {@code ZoneOffset.UTC}. */
@ReproducibleRun
@Case(kind = "control: explicit ZoneOffset.UTC", checks = {"all", "unspecified_order"})
public class ControlUtcZone {

    @Step
    static List<Long> events() {
        return List.of(1_700_000_000_000L, 1_700_050_000_000L, 1_700_100_000_000L);
    }

    @Step
    static List<String> format(@Input("events") List<Long> events) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        return events.stream().map(millis -> format.format(Instant.ofEpochMilli(millis)) + " day "
                + LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)).toList();
    }

    @Step
    static String days(@Input("format") List<String> formatted) {
        return String.join(";", formatted);
    }
}
