package io.reprounit.examples.iris;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Classifies Fisher's Iris flowers with a multinomial logistic regression trained by Tribuo's SGD trainer: load the CSV,
 * split it per species with the step's seeded {@link Random}, standardize with statistics of the training part only,
 * train, then predict the held-out flowers and evaluate. Configuration: {@code IrisPipelineTest.yaml} beside this class.
 *
 * <p>The train step returns the Tribuo {@link Model} itself. Its serialized bytes differ from training to training, as
 * its provenance records when it was trained; the Tribuo materializer of {@code reprounit-extensions}, found on the test
 * class path, compares what the model computes instead: its weights, its feature and output domains and its trainer's
 * configuration, and lists in the output what it left out (the timestamps, the JVM and the operating system).
 */
@ReproducibleRun
class IrisPipelineTest {

    static final String[] FEATURES = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    /** One flower: its four measurements in centimetres, in the order of {@link #FEATURES}, and its species. */
    record Flower(double[] measurements, String species) {}

    /** The flowers to train on and the flowers held out to evaluate on. */
    record Split(List<Flower> train, List<Flower> test) {}

    /** Per feature, the mean and standard deviation of the training flowers. */
    record Standardization(double[] means, double[] deviations) {

        double[] apply(double[] measurements) {
            double[] scaled = new double[measurements.length];
            for (int i = 0; i < measurements.length; i++) {
                scaled[i] = (measurements[i] - means[i]) / deviations[i];
            }
            return scaled;
        }
    }

    /** The held-out flower at {@code index} of the test part: its species, the predicted one and the class scores. */
    record PredictedFlower(int index, String actual, String predicted, Map<String, Double> scores) {}

    /** Accuracy, per-species recall, confusion counts (actual → predicted species → count), and the predictions. */
    record Evaluation(int flowers, int correct, double accuracy, Map<String, Double> recall,
            Map<String, Map<String, Integer>> confusion, List<PredictedFlower> predictions) {}

    @Step
    static List<Flower> load(@Param("data") Path csv) throws IOException {
        List<Flower> flowers = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] measurements = new double[FEATURES.length];
            for (int i = 0; i < FEATURES.length; i++) {
                measurements[i] = Double.parseDouble(cells[i]);
            }
            flowers.add(new Flower(measurements, cells[FEATURES.length].strip().replaceFirst("^Iris-", "")));
        }
        return flowers;
    }

    /** A stratified split: every species keeps the same share in the test part. */
    @Step
    static Split split(@Input("load") List<Flower> flowers, @Param("testFraction") double testFraction, Random random) {
        Map<String, List<Flower>> bySpecies = new TreeMap<>();
        for (Flower flower : flowers) {
            bySpecies.computeIfAbsent(flower.species(), species -> new ArrayList<>()).add(flower);
        }
        List<Flower> train = new ArrayList<>();
        List<Flower> test = new ArrayList<>();
        for (List<Flower> species : bySpecies.values()) {
            List<Flower> shuffled = new ArrayList<>(species);
            Collections.shuffle(shuffled, random);
            int held = (int) Math.round(shuffled.size() * testFraction);
            test.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        return new Split(train, test);
    }

    @Step
    static Standardization standardize(@Input("split") Split split) {
        int n = split.train().size();
        double[] means = new double[FEATURES.length];
        double[] deviations = new double[FEATURES.length];
        for (Flower flower : split.train()) {
            for (int i = 0; i < FEATURES.length; i++) {
                means[i] += flower.measurements()[i] / n;
            }
        }
        for (Flower flower : split.train()) {
            for (int i = 0; i < FEATURES.length; i++) {
                double d = flower.measurements()[i] - means[i];
                deviations[i] += d * d / (n - 1);
            }
        }
        for (int i = 0; i < FEATURES.length; i++) {
            deviations[i] = Math.sqrt(deviations[i]);
        }
        return new Standardization(means, deviations);
    }

    @Step
    static Model<Label> train(@Input("split") Split split, @Input("standardize") Standardization scaling,
            @Param("epochs") int epochs, @Param("learningRate") double learningRate,
            @Param("minibatchSize") int minibatchSize, @Param("trainerSeed") long trainerSeed) {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING); // Tribuo logs every epoch at INFO
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("iris train", labels), labels);
        for (Flower flower : split.train()) {
            train.add(example(flower, scaling));
        }
        // The trainer's own seed decides the order of examples in each epoch: fixed, so training is deterministic.
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, 0.1), epochs,
                -1, minibatchSize, trainerSeed);
        return trainer.train(train);
    }

    /** Predicts the held-out flowers with the trained model and scores the predictions. */
    @Step
    static Evaluation evaluate(@Input("train") Model<Label> model, @Input("split") Split split,
            @Input("standardize") Standardization scaling) {
        List<PredictedFlower> predictions = new ArrayList<>();
        for (int i = 0; i < split.test().size(); i++) {
            Flower flower = split.test().get(i);
            Prediction<Label> prediction = model.predict(example(flower, scaling));
            Map<String, Double> scores = new TreeMap<>();
            prediction.getOutputScores().forEach((species, label) -> scores.put(species, label.getScore()));
            predictions.add(new PredictedFlower(i, flower.species(), prediction.getOutput().getLabel(), scores));
        }
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        int correct = 0;
        for (PredictedFlower flower : predictions) {
            confusion.computeIfAbsent(flower.actual(), species -> new TreeMap<>())
                    .merge(flower.predicted(), 1, Integer::sum);
            if (flower.actual().equals(flower.predicted())) {
                correct++;
            }
        }
        Map<String, Double> recall = new TreeMap<>();
        confusion.forEach((species, predicted) -> {
            int total = predicted.values().stream().mapToInt(Integer::intValue).sum();
            recall.put(species, predicted.getOrDefault(species, 0) / (double) total);
        });
        int flowers = predictions.size();
        return new Evaluation(flowers, correct, correct / (double) flowers, recall, confusion, predictions);
    }

    /** A gate, as a training pipeline would have before publishing a model: fails the step below the threshold. */
    @Step
    static String acceptance(@Input("evaluate") Evaluation evaluation, @Param("minimumAccuracy") double minimum) {
        if (evaluation.accuracy() < minimum) {
            throw new IllegalStateException("accuracy " + evaluation.accuracy() + " is below " + minimum);
        }
        return String.format(java.util.Locale.ROOT, "accepted: %d of %d held-out flowers right (%.3f >= %.3f)",
                evaluation.correct(), evaluation.flowers(), evaluation.accuracy(), minimum);
    }

    private static ArrayExample<Label> example(Flower flower, Standardization scaling) {
        return new ArrayExample<>(new Label(flower.species()), FEATURES, scaling.apply(flower.measurements()));
    }
}
