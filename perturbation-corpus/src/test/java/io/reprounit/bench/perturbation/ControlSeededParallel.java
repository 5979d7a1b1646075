package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Control: a Monte Carlo estimate computed on a parallel stream, each sample from its own seed drawn from the step's
 * seeded {@code Random}, collected in encounter order and summed sequentially: the same for any parallelism.
 */
@ReproducibleRun
@Case(kind = "control: seeded parallel computation", checks = {"all", "unspecified_order"})
public class ControlSeededParallel {

    @Step
    static long[] seeds(Random random) {
        return random.longs(4_000).toArray();
    }

    @Step
    static double estimate(@Input("seeds") long[] seeds) {
        List<Double> hits = IntStream.range(0, seeds.length).parallel().mapToObj(i -> {
            SplittableRandom sample = new SplittableRandom(seeds[i]);
            double x = sample.nextDouble();
            double y = sample.nextDouble();
            return x * x + y * y <= 1 ? 4.0 * x : 0.0;
        }).toList();
        double sum = 0;
        for (double hit : hits) {
            sum += hit;
        }
        return sum / seeds.length;
    }

    @Step
    static String rounded(@Input("estimate") double estimate) {
        return Double.toString(Math.round(estimate * 1000) / 1000.0);
    }
}
