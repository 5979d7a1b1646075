package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;

/** A summary that prints a model object with {@code Object.toString()}, which ends in its identity hash. */
@ReproducibleRun
@Case(kind = "identity hash", culprit = "summary", blamed = "identity_hash", checks = "all")
public class IdentityToString {

    /** A model with no {@code toString()} of its own. */
    static final class Model {
        final double[] weights;

        Model(double[] weights) {
            this.weights = weights;
        }
    }

    @Step
    static List<Double> weights() {
        return List.of(0.5, -1.25, 2.0);
    }

    @Step
    static String summary(@Input("weights") List<Double> weights) {
        Model model = new Model(weights.stream().mapToDouble(Double::doubleValue).toArray());
        return "trained " + model + " with " + model.weights.length + " weights";
    }

    @Step
    static int length(@Input("summary") String summary) {
        return summary.length();
    }
}
