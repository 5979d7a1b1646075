package io.reprounit.bench.large;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Child JVM: a case's steps called by hand, twice, with no engine; prints one line, {@code plain <millis> <VmHWM KiB>}.
 * With a second argument {@code platform} it first starts the JUnit Platform and has it discover and execute the
 * pipeline's class with Jupiter alone, which finds nothing to run there: what any engine's check pays before its
 * first step, whatever the engine does. Its wall time against the plain JVM's is the floor of a check's ratio.
 */
final class PlainJvm {

    private PlainJvm() {}

    public static void main(String[] args) {
        LargeCase largeCase = LargeCase.byId(args[0]);
        if (args.length > 1 && args[1].equals("platform")) {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(largeCase.pipeline))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .build());
        }
        long started = System.nanoTime();
        largeCase.plainRun.run();
        largeCase.plainRun.run();
        double millis = (System.nanoTime() - started) / 1e6;
        System.out.println("plain " + millis + " " + PeakMemory.kibibytes());
    }
}
