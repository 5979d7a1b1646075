package io.reprounit.it;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A pipeline with the classic bug: step {@code shuffle} makes its own unseeded {@code new Random()} instead of taking
 * the seeded one ReproUnit offers. Expected verdicts: load and count reproduce, shuffle diverges (fails), firstBatch and
 * report are tainted by it (skipped).
 */
@ReproducibleRun
class ShuffledTrainingPipelineTest {

    @Step
    static List<Integer> load() {
        return IntStream.rangeClosed(1, 40).boxed().toList();
    }

    @Step
    static int count(@Input("load") List<Integer> rows) {
        return rows.size();
    }

    @Step
    static List<Integer> shuffle(@Input("load") List<Integer> rows) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random()); // the bug: unseeded
        return shuffled;
    }

    @Step
    static List<Integer> firstBatch(@Input("shuffle") List<Integer> rows) {
        return rows.subList(0, 8);
    }

    @Step
    static String report(@Input("firstBatch") List<Integer> batch) {
        return "first batch: " + batch;
    }
}
