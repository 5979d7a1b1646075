package io.reprounit.bench.team;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/**
 * The pipeline every process of {@link TeamStoreBenchmark} checks: a table of 20,000 rows (the same in every check, so
 * its artifact is kept once), features scaled by a parameter that each check sets (ten values, so that processes keep
 * new artifacts and find others' too), a short fit, and a report. Its name keeps it out of Surefire's includes.
 */
@ReproducibleRun
public class TeamPipeline {

    @Step
    static double[][] load(Random random) {
        double[][] rows = new double[20_000][];
        for (int i = 0; i < rows.length; i++) {
            double x = random.nextDouble();
            rows[i] = new double[] {x, 3 * x + 1 + random.nextGaussian() * 0.1};
        }
        return rows;
    }

    @Step
    static double[] features(@Input("load") double[][] rows, @Param("scale") int scale) {
        double[] features = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            features[i] = rows[i][0] * scale + rows[i][1];
        }
        return features;
    }

    @Step
    static double[] fit(@Input("load") double[][] rows, @Input("features") double[] features) {
        double w = 0;
        double b = 0;
        for (int epoch = 0; epoch < 20; epoch++) {
            double gw = 0;
            double gb = 0;
            for (int i = 0; i < rows.length; i++) {
                double error = w * features[i] + b - rows[i][1];
                gw += error * features[i];
                gb += error;
            }
            w -= 0.01 * gw / rows.length;
            b -= 0.01 * gb / rows.length;
        }
        return new double[] {w, b};
    }

    @Step
    static String report(@Input("fit") double[] model) {
        return String.format(java.util.Locale.ROOT, "w=%.6f b=%.6f", model[0], model[1]);
    }
}
