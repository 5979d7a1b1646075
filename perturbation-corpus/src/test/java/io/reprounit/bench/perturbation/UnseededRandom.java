package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A validation split drawn with its own unseeded {@code new Random()}, not the seeded one the step is offered. */
@ReproducibleRun
@Case(kind = "unseeded random", culprit = "split", blamed = Case.FRESH_JVM, checks = {"all", ""})
public class UnseededRandom {

    @Step
    static List<Integer> rows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(i);
        }
        return rows;
    }

    @Step
    static List<Integer> split(@Input("rows") List<Integer> rows) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random());
        return List.copyOf(shuffled.subList(0, 6));
    }

    @Step
    static int sum(@Input("split") List<Integer> split) {
        return split.stream().mapToInt(Integer::intValue).sum();
    }
}
