package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/** A pipeline whose first step returns a 128 MiB {@code double[]} (16M values), then fits a line through it and reports. */
@ReproducibleRun
class Doubles128Pipeline {

    static final int VALUES = 16 * 1024 * 1024;

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
