package io.reprounit.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.simple.WordCount;
import io.reprounit.run.fixtures.directoryorder.ShardConcat;
import io.reprounit.run.fixtures.locale.PriceReport;
import io.reprounit.run.fixtures.processors.ParallelScore;
import io.reprounit.run.fixtures.timezone.DailyReport;
import io.reprounit.run.fixtures.workingdirectory.ExportManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Wall time of checking the engine's deterministic fixture pipelines (2 runs each) same-JVM against forked, as medians
 * over several rounds after a warm-up round. Run from the repository root:
 *
 * <pre>{@code
 * mvn -q -o -pl engine test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath io.reprounit.run.IsolationBenchmark 7"
 * }</pre>
 */
public final class IsolationBenchmark {

    private static final List<Class<?>> PIPELINES = List.of(WordCount.class, PriceReport.class, DailyReport.class,
            ParallelScore.class, ExportManifest.class, ShardConcat.class);

    private IsolationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        FixtureData.create();
        check("same_jvm");
        check("forked"); // warm-up: class loading, JIT, file caches
        List<Long> sameJvm = new ArrayList<>();
        List<Long> forked = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            sameJvm.add(check("same_jvm"));
            forked.add(check("forked"));
        }
        long a = median(sameJvm);
        long b = median(forked);
        System.out.printf("%d pipelines x 2 runs, %d rounds, %d processors, Java %s%n", PIPELINES.size(), rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("same_jvm median %d ms, forked median %d ms, ratio %.1f, forked per pipeline %d ms%n", a, b,
                (double) b / a, b / PIPELINES.size());
    }

    private static long check(String isolation) {
        List<DiscoverySelector> selectors = PIPELINES.stream().<DiscoverySelector>map(c -> selectClass(c)).toList();
        long started = System.nanoTime();
        long failed = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", "none", "reprounit.isolation", isolation,
                        "reprounit.store.url", "jdbc:sqlite:target/bench-store/metadata.db"))
                .selectors(selectors.toArray(DiscoverySelector[]::new)).execute().testEvents().failed().count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " steps failed " + isolation + ": the benchmark needs passing checks");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
