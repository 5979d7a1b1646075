package io.reprounit.bench.perturbation;

import io.reprounit.api.IgnoreFields;
import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Control: a trained model that carries volatile provenance (when, by whom, where, in which working directory), left
 * out of the comparison with {@code @IgnoreFields}, so that the model is compared by what it computes.
 */
@ReproducibleRun
@Case(kind = "control: model with volatile provenance", checks = {"all", "unspecified_order"})
public class ControlModelProvenance {

    record Provenance(String trainedAt, String trainedBy, String workingDirectory, String tempDirectory) {}

    record Model(double[] weights, double bias, Provenance provenance) {}

    @Step
    static List<double[]> examples(Random random) {
        return java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new double[] {random.nextGaussian(), random.nextGaussian()}).toList();
    }

    @Step
    @IgnoreFields("provenance")
    static Model train(@Input("examples") List<double[]> examples) {
        double[] weights = new double[2];
        for (int epoch = 0; epoch < 5; epoch++) {
            for (double[] x : examples) {
                double target = x[0] > x[1] ? 1 : 0;
                double error = target - (weights[0] * x[0] + weights[1] * x[1]);
                weights[0] += 0.01 * error * x[0];
                weights[1] += 0.01 * error * x[1];
            }
        }
        return new Model(weights, 0.0, new Provenance(Instant.now().toString(), System.getProperty("user.name"),
                System.getProperty("user.dir"), System.getProperty("java.io.tmpdir")));
    }

    @Step
    static double score(@Input("examples") List<double[]> examples, @Input("train") Model model) {
        double total = 0;
        for (double[] x : examples) {
            total += model.weights()[0] * x[0] + model.weights()[1] * x[1] + model.bias();
        }
        return total;
    }
}
