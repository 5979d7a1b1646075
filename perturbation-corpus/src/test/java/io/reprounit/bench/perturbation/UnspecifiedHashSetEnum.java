package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Stages collected in a {@code HashSet} of an enum (hashed by identity) and listed in its iteration order. */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "stages", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedHashSetEnum {

    enum Stage { LOAD, CLEAN, SPLIT, SCALE, TRAIN, TUNE, EVALUATE, EXPORT }

    @Step
    static List<String> log() {
        return List.of("TRAIN", "LOAD", "CLEAN", "TRAIN", "EVALUATE", "SPLIT", "EXPORT", "SCALE", "TUNE");
    }

    @Step
    static List<String> stages(@Input("log") List<String> log) {
        Set<Stage> seen = new HashSet<>();
        for (String entry : log) {
            seen.add(Stage.valueOf(entry));
        }
        List<String> order = new ArrayList<>();
        for (Stage stage : seen) {
            order.add(stage.name());
        }
        return order;
    }

    @Step
    static String line(@Input("stages") List<String> stages) {
        return String.join(">", stages);
    }
}
