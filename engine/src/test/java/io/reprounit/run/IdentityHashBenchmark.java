package io.reprounit.run;

import io.reprounit.api.Variation;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.run.fixtures.identityhash.SmallSets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often an {@code identity_hash} experiment makes a HashSet of 3, 5 and 10 objects iterate otherwise than the
 * control does, over real forked runs (one fresh JVM each, one after another): {@code experiments} of them, each with
 * experiment values of its own, against one control. From the repository root (about 0.5 s per run on 2 cores):
 *
 * <pre>{@code
 * mvn -B -q -o -pl engine -am test-compile -Pidentity-hash-benchmark [-Didentity.hash.experiments=100]
 * }</pre>
 */
public final class IdentityHashBenchmark {

    private static final List<String> STEPS = List.of("three", "five", "ten");

    private IdentityHashBenchmark() {}

    public static void main(String[] args) {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261130L;
        Materializers materializers = Materializers.load(IdentityHashBenchmark.class.getClassLoader());
        PipelineDefinition pipeline = new PipelineReader(2, materializers::whyUnsupported, ParamOverrides.NONE)
                .read(SmallSets.class).pipeline().orElseThrow();
        Set<Variation> variations = Set.of(Variation.IDENTITY_HASH);
        CheckPlan plan = new CheckPlan(io.reprounit.api.Isolation.FORKED, variations, Duration.ofMinutes(2), "benchmark",
                0, seed);
        try (ForkSetup setup = ForkSetup.create()) {
            ForkedRunner runner = new ForkedRunner(setup, pipeline, pipeline.steps(), plan, Fingerprint.empty(), null,
                    false, materializers, Map.of());
            Run control = runner.run(1, RunConditions.control(variations, seed), List.of(), 0).run();
            int[] differing = new int[STEPS.size()];
            long started = System.nanoTime();
            for (int number = 1; number <= experiments; number++) {
                Run experiment = runner.run(number + 1, RunConditions.experiment(variations, number, seed), List.of(), 0)
                        .run();
                for (int i = 0; i < STEPS.size(); i++) {
                    if (!digest(control, STEPS.get(i)).equals(digest(experiment, STEPS.get(i)))) {
                        differing[i]++;
                    }
                }
            }
            System.out.printf("%d forked identity_hash experiments against one control, seed %d, %.0f ms per run%n",
                    experiments, seed, (System.nanoTime() - started) / 1e6 / experiments);
            for (int i = 0; i < STEPS.size(); i++) {
                System.out.printf("  HashSet of %s objects: %d of %d iterate otherwise than the control%n", STEPS.get(i),
                        differing[i], experiments);
            }
        }
        System.exit(0); // the forked runs' reaper threads
    }

    private static String digest(Run run, String step) {
        StepExecution execution = run.execution(step).orElseThrow();
        return execution.output().map(a -> a.digest()).orElseThrow(() -> new IllegalStateException("step '" + step
                + "' of run " + run.number() + " gave no output: " + execution));
    }
}
