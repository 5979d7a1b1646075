package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * For the length of one check, a shutdown hook that says what the check was doing if the JVM exits before it ends: a
 * step that calls {@code System.exit}, or a signal. Without it the check would end without a word, and the build tool
 * would only say that its JVM died. It writes to standard error which step of which run was running, and has that
 * recorded; a check that ends removes it.
 */
final class ExitWatch implements AutoCloseable {

    /** Records what the message says: the step running, or null between steps; and the message. */
    @FunctionalInterface
    interface Record {
        void exited(@Nullable String step, String message);
    }

    private record Running(int run, String step) {}

    private final String pipeline;
    private final Record record;
    private final Thread hook;
    private volatile @Nullable Running running;
    private volatile boolean closed;

    private ExitWatch(String pipeline, Record record) {
        this.pipeline = requireNonNull(pipeline);
        this.record = requireNonNull(record);
        this.hook = new Thread(this::exiting, "reprounit-exit-watch");
    }

    static ExitWatch start(String pipeline, Record record) {
        ExitWatch watch = new ExitWatch(pipeline, record);
        Runtime.getRuntime().addShutdownHook(watch.hook);
        return watch;
    }

    void stepStarting(int run, String step) {
        running = new Running(run, step);
    }

    void stepFinished() {
        running = null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting already: the hook runs, and sees that the check has ended.
        }
    }

    private void exiting() {
        if (closed) {
            return;
        }
        Running now = running;
        String message = "ReproUnit: the JVM exited "
                + (now == null ? "during the check of pipeline " + pipeline
                        : "while step '" + now.step() + "' of pipeline " + pipeline + " was running in run " + now.run())
                + " (System.exit or a signal); the check is recorded as INCOMPLETE";
        System.err.println(message);
        System.err.flush();
        try {
            record.exited(now == null ? null : now.step(), message);
        } catch (RuntimeException e) {
            System.err.println("ReproUnit: and this could not be recorded in the metadata store: " + e.getMessage());
            System.err.flush();
        }
    }
}
