package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;
import java.util.UUID;

/** Records given ids by {@code UUID.randomUUID()}, which is random in every run. */
@ReproducibleRun
@Case(kind = "unseeded random", culprit = "identify", blamed = Case.FRESH_JVM, checks = {"all", ""})
public class RandomUuid {

    @Step
    static List<String> records() {
        return List.of("alpha", "beta", "gamma");
    }

    @Step
    static List<String> identify(@Input("records") List<String> records) {
        return records.stream().map(record -> UUID.randomUUID() + "," + record).toList();
    }

    @Step
    static int count(@Input("identify") List<String> identified) {
        return identified.size();
    }
}
