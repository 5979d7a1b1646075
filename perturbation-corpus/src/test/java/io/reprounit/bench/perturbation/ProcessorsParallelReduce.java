package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/**
 * A floating-point sum by {@code reduce} over a parallel stream: how the stream splits follows the common pool's
 * parallelism, and floating-point addition is not associative.
 */
@ReproducibleRun
@Case(kind = "processors", culprit = "total", blamed = "processors", checks = "all")
public class ProcessorsParallelReduce {

    @Step
    static double[] gradients(Random random) {
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(16)) * random.nextDouble();
        }
        return values;
    }

    @Step
    static double total(@Input("gradients") double[] gradients) {
        return java.util.Arrays.stream(gradients).parallel().reduce(0.0, Double::sum);
    }

    @Step
    static boolean positive(@Input("total") double total) {
        return total > 0;
    }
}
