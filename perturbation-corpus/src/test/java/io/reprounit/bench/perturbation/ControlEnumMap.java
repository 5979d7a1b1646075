package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Control: stage counts in an {@code EnumMap}, which iterates in the enum's declaration order. */
@ReproducibleRun
@Case(kind = "control: EnumMap", checks = {"all", "unspecified_order"})
public class ControlEnumMap {

    enum Stage { LOAD, CLEAN, SPLIT, SCALE, TRAIN, TUNE, EVALUATE, EXPORT }

    @Step
    static List<String> log() {
        return List.of("TRAIN", "LOAD", "CLEAN", "TRAIN", "EVALUATE", "SPLIT", "EXPORT", "SCALE", "TUNE");
    }

    @Step
    static List<String> stages(@Input("log") List<String> log) {
        Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
        for (String entry : log) {
            counts.merge(Stage.valueOf(entry), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((stage, count) -> lines.add(stage + "=" + count));
        return lines;
    }

    @Step
    static String line(@Input("stages") List<String> stages) {
        return String.join(">", stages);
    }
}
