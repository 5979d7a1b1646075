package io.reprounit.run;

import io.reprounit.api.Isolation;
import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.run.fixtures.cpucontention.BudgetedScore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the race of {@link BudgetedScore} gives in forked runs without and with {@code cpu_contention}, {@code runs}
 * of each, one after another. From the repository root:
 *
 * <pre>{@code
 * mvn -B -q -o -pl engine -am test-compile -Pcontention-benchmark [-Dcontention.runs=20]
 * }</pre>
 */
public final class ContentionBenchmark {

    private ContentionBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Materializers materializers = Materializers.load(ContentionBenchmark.class.getClassLoader());
        PipelineDefinition pipeline = new PipelineReader(2, materializers::whyUnsupported, ParamOverrides.NONE)
                .read(BudgetedScore.class).pipeline().orElseThrow();
        Set<Variation> variations = Set.of(Variation.CPU_CONTENTION);
        CheckPlan plan = new CheckPlan(Isolation.FORKED, variations, Duration.ofMinutes(2), "benchmark", 0, 1);
        try (ForkSetup setup = ForkSetup.create()) {
            ForkedRunner runner = new ForkedRunner(setup, pipeline, pipeline.steps(), plan, Fingerprint.empty(), null,
                    false, materializers, Map.of());
            for (int experiment : List.of(0, 1)) {
                Map<String, Integer> outputs = new TreeMap<>();
                for (int i = 0; i < runs; i++) {
                    StepExecution score = runner.run(i + 1, RunConditions.experiment(variations, experiment, 1),
                            List.of(), 0).run().execution("score").orElseThrow();
                    outputs.merge(score.output().map(a -> a.content()).orElse(score.status().toString()), 1,
                            Integer::sum);
                }
                System.out.printf("%s: %s%n", experiment == 0 ? "without contention" : "with " + CpuContention
                        .defaultThreads() + " busy threads", outputs);
            }
        }
        System.exit(0);
    }
}
