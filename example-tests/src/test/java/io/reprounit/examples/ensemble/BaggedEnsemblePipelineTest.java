package io.reprounit.examples.ensemble;

import io.reprounit.api.IgnoreFields;
import io.reprounit.api.IgnoreTypes;
import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.SignificantDigits;
import io.reprounit.api.Step;
import io.reprounit.api.Unordered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A bagged ensemble of logistic regressions, trained the way real training code is written: members on a thread pool,
 * collected as they finish, each stamped with when it was trained and how long it took, and their weights averaged
 * with a parallel stream. Each member is exactly reproducible, since its bootstrap sample and initial weights come from
 * a seed drawn before any thread starts; what changes from run to run is only what the normalizers name:
 *
 * <ul>
 *   <li>{@code @Unordered("members")}: members arrive in the order their threads finish;</li>
 *   <li>{@code @IgnoreFields("members[].trainingNanos")} and {@code @IgnoreTypes(Instant.class)}: wall-clock facts;</li>
 *   <li>{@code @SignificantDigits(12)}: a parallel sum adds in whatever order its threads meet, so the average weights
 *       may differ in their last bits.</li>
 * </ul>
 *
 * The check shows the exact bytes of {@code train} differing between runs and the step reproducing all the same;
 * {@code evaluate}, downstream, sorts the members by seed before it uses them, so it depends on nothing that was left
 * out of the comparison.
 */
@ReproducibleRun
class BaggedEnsemblePipelineTest {

    /** A labelled point: two features, label 1 inside a tilted band, 0 outside, with some label noise. */
    record Example(double x, double y, int label) {}

    record Member(long seed, double[] weights, double trainingAccuracy, long trainingNanos, Instant trainedAt) {}

    record Ensemble(List<Member> members, double[] averageWeights) {}

    record Evaluation(int examples, double accuracy, double meanMemberAccuracy) {}

    @Step
    static List<Example> simulate(@Param("examples") int count, Random random) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() * 4 - 2;
            double y = random.nextDouble() * 4 - 2;
            int label = 0.8 * x - y + 0.3 > 0 ? 1 : 0;
            examples.add(new Example(x, y, random.nextDouble() < 0.05 ? 1 - label : label));
        }
        return examples;
    }

    @Step
    @Unordered("members")
    @IgnoreFields("members[].trainingNanos")
    @IgnoreTypes(Instant.class)
    @SignificantDigits(12)
    static Ensemble train(@Input("simulate") List<Example> examples, @Param("members") int size,
            @Param("epochs") int epochs, @Param("learningRate") double learningRate, Random random) throws Exception {
        long[] seeds = random.longs(size).toArray(); // drawn before the threads start: each member's own stream
        List<Member> members = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(size, 4));
        try {
            List<Future<?>> trainings = new ArrayList<>();
            for (long seed : seeds) {
                trainings.add(pool.submit(() -> members.add(trainMember(examples, seed, epochs, learningRate))));
            }
            for (Future<?> training : trainings) {
                training.get();
            }
        } finally {
            pool.shutdown();
        }
        double[] average = IntStream.range(0, 3)
                .mapToDouble(w -> members.parallelStream().mapToDouble(m -> m.weights()[w]).sum() / size)
                .toArray();
        return new Ensemble(new ArrayList<>(members), average);
    }

    @Step
    static Evaluation evaluate(@Input("simulate") List<Example> examples, @Input("train") Ensemble ensemble) {
        List<Member> members = new ArrayList<>(ensemble.members());
        members.sort(Comparator.comparingLong(Member::seed)); // the order of the threads is no part of the result
        int correct = 0;
        for (Example example : examples) {
            int votes = 0;
            for (Member member : members) {
                votes += predict(member.weights(), example);
            }
            correct += (2 * votes > members.size() ? 1 : 0) == example.label() ? 1 : 0;
        }
        double meanMemberAccuracy = members.stream().mapToDouble(Member::trainingAccuracy).sum() / members.size();
        return new Evaluation(examples.size(), (double) correct / examples.size(), meanMemberAccuracy);
    }

    private static Member trainMember(List<Example> examples, long seed, int epochs, double learningRate) {
        long started = System.nanoTime();
        Random random = new Random(seed);
        List<Example> sample = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            sample.add(examples.get(random.nextInt(examples.size())));
        }
        double[] w = {random.nextGaussian() * 0.01, random.nextGaussian() * 0.01, 0};
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Example example : sample) {
                double error = example.label() - sigmoid(w[0] * example.x() + w[1] * example.y() + w[2]);
                w[0] += learningRate * error * example.x();
                w[1] += learningRate * error * example.y();
                w[2] += learningRate * error;
            }
        }
        long correct = sample.stream().filter(e -> predict(w, e) == e.label()).count();
        return new Member(seed, w, (double) correct / sample.size(), System.nanoTime() - started, Instant.now());
    }

    private static int predict(double[] w, Example example) {
        return sigmoid(w[0] * example.x() + w[1] * example.y() + w[2]) > 0.5 ? 1 : 0;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
