package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/** A pipeline of three steps with small outputs and almost no work: what a check costs beyond the steps themselves. */
@ReproducibleRun
class TinyPipeline {

    @Step
    double[] load(Random random) {
        return DoubleWork.values(1024, random);
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
