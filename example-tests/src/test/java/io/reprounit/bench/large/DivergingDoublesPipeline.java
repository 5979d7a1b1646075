package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * As {@link Doubles128Pipeline}, but one value in the middle of the 128 MiB array differs from run to run, as a
 * counter of runs in this JVM: the check must fail on {@code load}, showing that first difference.
 */
@ReproducibleRun
class DivergingDoublesPipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Step
    double[] load(Random random) {
        double[] values = DoubleWork.values(Doubles128Pipeline.VALUES, random);
        values[values.length / 2 + 1] += RUNS.incrementAndGet();
        return values;
    }

    @Step
    DoubleWork.Fit fit(@Input("load") double[] values) {
        return DoubleWork.fit(values);
    }

    @Step
    String report(@Input("fit") DoubleWork.Fit fit) {
        return DoubleWork.report(fit);
    }
}
