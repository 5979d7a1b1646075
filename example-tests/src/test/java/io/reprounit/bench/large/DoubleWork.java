package io.reprounit.bench.large;

import java.util.Locale;
import java.util.Random;

/** What the {@code double[]} pipelines compute: a large array of values, a compute-bound fit over it, a report. */
final class DoubleWork {

    /** Passes of gradient descent over the array; about a second on one core for 16M values. */
    private static final int PASSES = 40;
    private static final double LEARNING_RATE = 0.5;

    /** The fitted line y = slope·x + intercept through the pairs (values[2i], values[2i+1]), and its mean loss. */
    record Fit(double slope, double intercept, double loss) {}

    private DoubleWork() {}

    /** Pairs (x, y) with y = 3x + 1 plus noise, so that the fit has something to find. */
    static double[] values(int count, Random random) {
        double[] values = new double[count];
        for (int i = 0; i + 1 < count; i += 2) {
            double x = random.nextDouble();
            values[i] = x;
            values[i + 1] = 3 * x + 1 + 0.1 * random.nextGaussian();
        }
        StepClock.stepEnded();
        return values;
    }

    /** Full-batch gradient descent of a least-squares line: a few passes over the whole array. */
    static Fit fit(double[] values) {
        double slope = 0;
        double intercept = 0;
        double loss = 0;
        int pairs = values.length / 2;
        for (int pass = 0; pass < PASSES; pass++) {
            double gradSlope = 0;
            double gradIntercept = 0;
            double squares = 0;
            for (int i = 0; i + 1 < values.length; i += 2) {
                double error = slope * values[i] + intercept - values[i + 1];
                gradSlope += error * values[i];
                gradIntercept += error;
                squares += error * error;
            }
            slope -= LEARNING_RATE * 2 * gradSlope / pairs;
            intercept -= LEARNING_RATE * 2 * gradIntercept / pairs;
            loss = squares / pairs;
        }
        StepClock.stepEnded();
        return new Fit(slope, intercept, loss);
    }

    static String report(Fit fit) {
        String report = String.format(Locale.ROOT, "y = %.4f x + %.4f (mean squared error %.5f)",
                fit.slope(), fit.intercept(), fit.loss());
        StepClock.stepEnded();
        return report;
    }
}
