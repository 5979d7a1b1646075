package com.example.churn;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fixture of ReadmePomIT: the smallest pipeline a newcomer would write, in a project built from the README's pom. */
@ReproducibleRun
class ChurnPipelineTest {

    @Step
    static List<Double> load(@Param("customers") int customers, Random random) {
        List<Double> spend = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            spend.add(Math.round(random.nextDouble() * 10_000) / 100.0);
        }
        return spend;
    }

    @Step
    static double meanSpend(@Input("load") List<Double> spend) {
        return spend.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
