package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/** A pipeline whose first step returns a 1 GiB {@code double[]} (134M values; run with {@code -Xmx3g}), then fits a line through it and reports. */
@ReproducibleRun
class Doubles1GiBPipeline {

    static final int VALUES = 1024 * 1024 * 1024 / 8;

    @Step
    double[] load(Random random) {
        return DoubleWork.values(VALUES, random);
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
