package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Readies what digesting and keeping the first output needs — SHA-256's provider, zstd's native library, the
 * encoder's classes and its bulk paths compiled — on a thread of its own while the first step runs. Cold, these cost
 * the step's thread 0.3–1 s at its first output; warm, they cost another core about as much, once per JVM.
 */
@API(status = INTERNAL, since = "0.1")
public final class WarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int WARM_UP_BYTES = 1 << 20;
    /** Enough passes over a MiB for the JIT to compile the packing loop and SHA-256's intrinsic. */
    private static final int PASSES = 24;

    private WarmUp() {}

    /** Starts the warm-up, once per JVM; later calls do nothing. */
    public static void start() {
        start(false);
    }

    /**
     * As {@link #start()}, readying the decoder as well where {@code reading}: the step cache reads served outputs
     * back, and a cold decoder costs the first one about a second (100,000 rows: 1.2 s cold, 0.2 s warm).
     */
    public static void start(boolean reading) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(reading ? () -> {
            run();
            read();
        } : WarmUp::run, "reprounit-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Decodes a table of numbers until the JIT has compiled the decoder's loops. */
    private static void read() {
        try {
            Materializers materializers = Materializers.of(List.of());
            ReadPlans plans = new ReadPlans(materializers);
            StoredValue.Context context = new StoredValue.Context(plans, java.util.Optional::empty);
            double[][] rows = new double[4096][];
            java.util.Arrays.setAll(rows, i -> new double[] {i, i / 2.0});
            byte[] table = materializers.canonicalBytes(rows);
            ReadPlan tablePlan = plans.plan(double[][].class);
            for (int pass = 0; pass < PASSES; pass++) {
                new ValueDecoder(new CanonicalReader(new java.io.ByteArrayInputStream(table), false), plans,
                        context)
                        .read(tablePlan);
            }
        } catch (RuntimeException | LinkageError e) {
            // Nothing is lost: the first output read back meets the same problem and reports it where a user sees it.
        }
    }

    private static void run() {
        try {
            StoredForm.choose(new byte[WARM_UP_BYTES / 16], WARM_UP_BYTES / 16);
            Materializers materializers = Materializers.of(List.of());
            double[] values = new double[WARM_UP_BYTES / Double.BYTES];
            for (int pass = 0; pass < PASSES; pass++) {
                values[pass] = pass;
                materializers.materialize(values, Normalization.none(), null);
            }
            materializers.materialize(List.of(1, 2.5, "text", Map.of("key", List.of(true))), Normalization.none(),
                    null);
        } catch (RuntimeException | LinkageError e) {
            // Nothing is lost: the first real output meets the same problem and reports it where a user sees it.
        }
    }
}
