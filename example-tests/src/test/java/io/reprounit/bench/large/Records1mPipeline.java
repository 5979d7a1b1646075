package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A pipeline whose first step returns a table of 1,000,000 rows of five fields, then fits a linear model of
 * {@code spend} on the other numbers by gradient descent and reports it.
 */
@ReproducibleRun
class Records1mPipeline {

    static final int ROWS = 1_000_000;
    private static final int PASSES = 15;
    private static final double LEARNING_RATE = 0.3;

    /** One customer: an id, visits, a basket size, what they spent, whether they hold a loyalty card. */
    record Row(String id, int visits, double basket, double spend, boolean loyal) {}

    /** spend ≈ perVisit·visits + perBasket·basket + loyalty·loyal + base, with its mean squared error. */
    record Model(double perVisit, double perBasket, double loyalty, double base, double loss) {}

    @Step
    List<Row> load(Random random) {
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            int visits = random.nextInt(10);
            double basket = random.nextDouble();
            boolean loyal = random.nextBoolean();
            double spend = 0.2 * visits + 1.5 * basket + (loyal ? 0.4 : 0) + 0.1 + 0.05 * random.nextGaussian();
            rows.add(new Row("customer-" + Integer.toString(random.nextInt(1 << 30), 36), visits, basket, spend,
                    loyal));
        }
        StepClock.stepEnded();
        return rows;
    }

    @Step
    Model fit(@Input("load") List<Row> rows) {
        double perVisit = 0;
        double perBasket = 0;
        double loyalty = 0;
        double base = 0;
        double loss = 0;
        int n = rows.size();
        for (int pass = 0; pass < PASSES; pass++) {
            double gVisit = 0;
            double gBasket = 0;
            double gLoyalty = 0;
            double gBase = 0;
            double squares = 0;
            for (Row row : rows) {
                double visits = row.visits() / 10.0;
                double loyal = row.loyal() ? 1 : 0;
                double error = perVisit * visits + perBasket * row.basket() + loyalty * loyal + base - row.spend();
                gVisit += error * visits;
                gBasket += error * row.basket();
                gLoyalty += error * loyal;
                gBase += error;
                squares += error * error;
            }
            perVisit -= LEARNING_RATE * 2 * gVisit / n;
            perBasket -= LEARNING_RATE * 2 * gBasket / n;
            loyalty -= LEARNING_RATE * 2 * gLoyalty / n;
            base -= LEARNING_RATE * 2 * gBase / n;
            loss = squares / n;
        }
        StepClock.stepEnded();
        return new Model(perVisit / 10, perBasket, loyalty, base, loss);
    }

    @Step
    String report(@Input("fit") Model model) {
        String report = String.format(Locale.ROOT, "spend = %.3f·visits + %.3f·basket + %.3f·loyal + %.3f (MSE %.5f)",
                model.perVisit(), model.perBasket(), model.loyalty(), model.base(), model.loss());
        StepClock.stepEnded();
        return report;
    }
}
