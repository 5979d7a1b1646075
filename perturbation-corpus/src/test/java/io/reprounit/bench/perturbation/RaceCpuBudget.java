package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model refined on a worker thread while the step's own thread gives up once the JVM has spent a CPU budget on
 * other work, keeping whichever model it has: alone, the worker always finishes first; preempted by busy threads, it
 * does not. The budget counts CPU time inside the JVM, not the wall clock, so that a machine loaded by others keeps
 * the race as an idle one does, and only contention inside the run flips it: a race that shows under load alone.
 */
@ReproducibleRun
@Case(kind = "race under load", culprit = "score", blamed = "cpu_contention", checks = "cpu_contention")
public class RaceCpuBudget {

    private static final long WORK_NANOS = 10_000_000;
    private static final long BUDGET_NANOS = 40_000_000;

    @Step
    static List<Integer> partitions() {
        return List.of(0, 1, 2, 3);
    }

    @Step
    static String score(@Input("partitions") List<Integer> partitions) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicReference<String> model = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            long end = threads.getCurrentThreadCpuTime() + WORK_NANOS;
            double loss = 0;
            while (threads.getCurrentThreadCpuTime() < end) {
                for (int partition : partitions) {
                    loss += Math.sqrt(partition + 1.0) / 1_000;
                }
            }
            model.compareAndSet(null, "refined");
        });
        long started = processCpu();
        worker.start();
        long workerStarted = Math.max(0, threads.getThreadCpuTime(worker.getId()));
        while (model.get() == null) {
            long worked = Math.max(0, threads.getThreadCpuTime(worker.getId())) - workerStarted;
            if (processCpu() - started - worked > BUDGET_NANOS) {
                model.compareAndSet(null, "initial");
            }
            Thread.sleep(1);
        }
        worker.join();
        return model.get();
    }

    @Step
    static int length(@Input("score") String model) {
        return model.length();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
