package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/** Control: a parallel sum of whole numbers, which is associative, so any grouping gives the same total. */
@ReproducibleRun
@Case(kind = "control: exact parallel reduction", checks = {"all", "unspecified_order"})
public class ControlExactParallelSum {

    @Step
    static long[] counts(Random random) {
        return random.longs(20_000, 0, 1_000_000).toArray();
    }

    @Step
    static long total(@Input("counts") long[] counts) {
        return java.util.Arrays.stream(counts).parallel().reduce(0L, Long::sum);
    }

    @Step
    static boolean even(@Input("total") long total) {
        return total % 2 == 0;
    }
}
