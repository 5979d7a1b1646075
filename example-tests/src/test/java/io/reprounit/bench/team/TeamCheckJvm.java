package io.reprounit.bench.team;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One process of {@link TeamStoreBenchmark}: {@code TeamCheckJvm <checks> <process>} checks {@link TeamPipeline} that
 * many times, one launcher execution each, against the store that the {@code reprounit.*} system properties name, and
 * prints {@code checks <n> passed <checks that passed> failed <checks that failed> millis <wall time>}.
 */
final class TeamCheckJvm {

    private TeamCheckJvm() {}

    public static void main(String[] args) {
        int checks = Integer.parseInt(args[0]);
        int process = Integer.parseInt(args[1]);
        Launcher launcher = LauncherFactory.create();
        int passed = 0;
        int failed = 0;
        long started = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            int check = i;
            Map<String, String> parameters = new HashMap<>();
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("reprounit."))
                    .forEach(key -> parameters.put(key, System.getProperty(key)));
            parameters.put("reprounit.param.TeamPipeline.features.scale", String.valueOf((process * 7 + check) % 10));
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger steps = new AtomicInteger();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(TeamPipeline.class))
                    .filters(EngineFilter.includeEngines("reprounit"))
                    .configurationParameters(parameters)
                    .build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                                failures.incrementAndGet();
                                System.err.println("process " + process + ", check " + check + ": "
                                        + test.getDisplayName() + " " + result);
                            } else if (test.isTest()) {
                                steps.incrementAndGet();
                            }
                        }
                    });
            if (failures.get() == 0 && steps.get() == 4) {
                passed++;
            } else {
                failed++;
            }
        }
        System.out.println("checks " + checks + " passed " + passed + " failed " + failed + " millis "
                + (System.nanoTime() - started) / 1_000_000);
    }
}
