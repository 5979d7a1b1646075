package io.reprounit.bench.cache;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Child JVM: one check of {@code bench.Training} through the JUnit Platform Launcher, with the store and the cache
 * setting given: {@code CacheCheckJvm <store directory> <on|off>}. Prints one line: {@code check <millis of the launcher>
 * <millis of the pipeline's own check> <steps served from the cache> <steps passed> <steps failed>}.
 */
final class CacheCheckJvm {

    private CacheCheckJvm() {}

    public static void main(String[] args) {
        String store = args[0];
        AtomicLong pipelineStarted = new AtomicLong();
        AtomicLong pipelineFinished = new AtomicLong();
        AtomicInteger hits = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass("bench.Training"))
                .filters(EngineFilter.includeEngines("reprounit"))
                .configurationParameters(Map.of("reprounit.baseline.mode", "none", "reprounit.cache", args[1],
                        "reprounit.store.url", "jdbc:sqlite:" + store + "/metadata.db",
                        "reprounit.artifacts.dir", store + "/artifacts", "reprounit.summary", "off"))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier test) {
                        if (test.getUniqueId().endsWith("[pipeline:bench.Training]")) {
                            pipelineStarted.set(System.nanoTime());
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.getUniqueId().endsWith("[pipeline:bench.Training]")) {
                            pipelineFinished.set(System.nanoTime());
                        } else if (test.isTest()) {
                            (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed)
                                    .incrementAndGet();
                        }
                    }

                    @Override
                    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                        String cache = entry.getKeyValuePairs().get("reprounit.cache");
                        if (cache != null && cache.startsWith("hit")) {
                            hits.incrementAndGet();
                        }
                    }
                });
        long finished = System.nanoTime();
        System.out.println("check " + (finished - started) / 1e6 + " "
                + (pipelineFinished.get() - pipelineStarted.get()) / 1e6 + " " + hits + " " + passed + " " + failed);
    }
}
