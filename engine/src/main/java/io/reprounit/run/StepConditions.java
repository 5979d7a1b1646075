package io.reprounit.run;

/**
 * What a forked JVM changes around each step for its experiment, from the system properties that its conditions set:
 * identity hashes advanced ({@link IdentityHashes}) and busy threads on every core ({@link CpuContention}). Nothing in
 * the control, and nothing in the test JVM.
 */
final class StepConditions {

    static final StepConditions NONE = new StepConditions(0, 0);

    /** Ends what {@link #around} started; throws nothing. */
    interface Applied extends AutoCloseable {
        @Override
        void close();
    }

    private final long identityHashSeed;
    private final int busyThreads;

    private StepConditions(long identityHashSeed, int busyThreads) {
        this.identityHashSeed = identityHashSeed;
        this.busyThreads = busyThreads;
    }

    /** The conditions of this forked JVM's experiment; call once, before any step: it shifts later threads' hashes. */
    static StepConditions fromSystemProperties() {
        StepConditions conditions = new StepConditions(Long.getLong(IdentityHashes.SEED_PROPERTY, 0),
                Integer.getInteger(CpuContention.THREADS_PROPERTY, 0));
        if (conditions.identityHashSeed != 0) {
            IdentityHashes.shiftLaterThreads(conditions.identityHashSeed);
        }
        return conditions;
    }

    /** Applies the conditions just before {@code step} is called on this thread. */
    Applied around(String step) {
        CpuContention contention = busyThreads > 0 ? CpuContention.start(busyThreads) : null;
        if (identityHashSeed != 0) {
            IdentityHashes.advance(identityHashSeed, step); // last, so that nothing hashes between it and the step
        }
        return () -> {
            if (contention != null) {
                contention.stop();
            }
        };
    }
}
