package io.reprounit.run.jdk;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * In a forked run whose {@code java.base} is patched ({@link JdkPatch}), the kinds of call with an unspecified order
 * that a step made, as bits of the {@link ShuffledOrders} kinds; nothing in any other JVM.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShuffledCalls {

    private static final @Nullable MethodHandle TAKE = find("takeCalls", MethodType.methodType(int.class));
    private static final @Nullable MethodHandle RECORD = find("record", MethodType.methodType(void.class, int.class));

    private ShuffledCalls() {}

    /** The kinds recorded since the last call, one bit each, forgetting them; 0 where the JDK is not patched. */
    public static int take() {
        if (TAKE == null) {
            return 0;
        }
        try {
            return (int) TAKE.invokeExact();
        } catch (Throwable e) {
            return 0;
        }
    }

    /** Records a call that is ordered here rather than in {@code java.base}: a {@code java.nio.file} listing. */
    static void record(int kind) {
        if (RECORD != null) {
            try {
                RECORD.invokeExact(kind);
            } catch (Throwable e) {
                // Nothing to record into.
            }
        }
    }

    /** The helper's method: its package is exported to this code only in a patched run ({@code --add-exports}). */
    private static @Nullable MethodHandle find(String name, MethodType type) {
        try {
            Class<?> helper = Class.forName(ShuffledOrders.RUNTIME_NAME, false, null);
            return MethodHandles.lookup().findStatic(helper, name, type);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
