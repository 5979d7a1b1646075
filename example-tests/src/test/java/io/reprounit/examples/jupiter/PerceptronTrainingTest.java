package io.reprounit.examples.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.jupiter.Outputs;
import io.reprounit.jupiter.ReproducibleTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plain Jupiter tests of a small training routine, as a team has them before it thinks in pipelines: one ordinary test,
 * and one that ReproUnit runs three times to prove the training gives the same weights and accuracy every time.
 */
class PerceptronTrainingTest {

    /** Two separable clouds of points, labelled +1 and -1. */
    record Sample(double x, double y, int label) {}

    record Model(double[] weights, double bias) {
        int predict(Sample sample) {
            return weights[0] * sample.x() + weights[1] * sample.y() + bias >= 0 ? 1 : -1;
        }
    }

    static List<Sample> samples(Random random, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 2 == 0 ? 1 : -1;
            samples.add(new Sample(label * 2 + random.nextGaussian(), label * 2 + random.nextGaussian(), label));
        }
        return samples;
    }

    static Model train(List<Sample> samples, Random random, int epochs) {
        double[] weights = {0, 0};
        double bias = 0;
        List<Sample> order = new ArrayList<>(samples);
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(order, random); // seeded: the same order in every run
            for (Sample sample : order) {
                if (new Model(weights, bias).predict(sample) != sample.label()) {
                    weights[0] += 0.1 * sample.label() * sample.x();
                    weights[1] += 0.1 * sample.label() * sample.y();
                    bias += 0.1 * sample.label();
                }
            }
        }
        return new Model(weights, bias);
    }

    static double accuracy(Model model, List<Sample> samples) {
        return samples.stream().filter(sample -> model.predict(sample) == sample.label()).count()
                / (double) samples.size();
    }

    @Test
    void separatesTheTwoClouds() {
        Random random = new Random(42);
        Model model = train(samples(random, 200), random, 10);

        assertThat(accuracy(model, samples(new Random(7), 100))).isGreaterThan(0.95);
    }

    @ReproducibleTest(runs = 3)
    void trainsTheSameModelEveryTime(Outputs outputs) {
        Random random = new Random(42);
        Model model = train(samples(random, 200), random, 10);

        outputs.record("weights", model.weights());
        outputs.record("bias", model.bias());
        outputs.record("accuracy", accuracy(model, samples(new Random(7), 100)));
    }
}
