package io.reprounit.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Busy threads that keep every core of the machine occupied while a step runs, in a {@code cpu_contention} experiment:
 * a step's own threads are then preempted in the middle of what they do, as on a loaded CI machine, and a result that
 * follows which thread finishes first changes. They run at normal priority: Java priorities do not reach Linux's
 * scheduler unless the JVM runs as root ({@code -XX:ThreadPriorityPolicy=1}), so a lower one would change nothing.
 */
final class CpuContention {

    /** The system property that gives a forked JVM its number of busy threads; absent or 0 in the control. */
    static final String THREADS_PROPERTY = "reprounit.fork.busy-threads";

    /**
     * Busy threads per processor. Measured on 2 cores, a worker racing a wall-clock deadline lost 11 times in 20 with
     * one per core, 19 with 4 and 20 with 8; more cost no more CPU, but slow a step's own threads further.
     */
    static final int THREADS_PER_PROCESSOR = 4;

    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    private CpuContention() {}

    /** Starts {@code count} busy threads and returns once all of them run. */
    static CpuContention start(int count) {
        CpuContention contention = new CpuContention();
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> contention.spin(started), "reprounit-busy-" + i);
            thread.setDaemon(true); // never keeps a forked JVM alive
            contention.threads.add(thread);
            thread.start();
        }
        try {
            started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return contention;
    }

    /** Stops the threads and waits for them, so that the next step starts on a quiet machine again. */
    void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void spin(CountDownLatch started) {
        started.countDown();
        long x = Thread.currentThread().getId() + 1;
        while (running) {
            for (int i = 0; i < 10_000; i++) { // arithmetic only: no allocation, so no garbage collection to wait for
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimized away
        }
    }

    /** The default count: the real processors of the test JVM's machine, times {@link #THREADS_PER_PROCESSOR}. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors() * THREADS_PER_PROCESSOR;
    }
}
