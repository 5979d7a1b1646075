package io.reprounit.examples.report;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The example with the classic bug, for the report to show a real divergence: {@code shuffle} makes its own unseeded
 * {@code new Random()} instead of taking the seeded one. Not named for Surefire's includes, so that the examples' run
 * stays green; {@link ExamplesReportTest} checks it beside the other examples.
 */
@ReproducibleRun
public class ShuffledTraining {

    @Step
    static List<Integer> load() {
        return IntStream.rangeClosed(1, 40).boxed().toList();
    }

    @Step
    static List<Integer> shuffle(@Input("load") List<Integer> rows) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random()); // the bug: unseeded
        return shuffled;
    }

    @Step
    static List<Integer> firstBatch(@Input("shuffle") List<Integer> rows) {
        return List.copyOf(rows.subList(0, 8));
    }
}
