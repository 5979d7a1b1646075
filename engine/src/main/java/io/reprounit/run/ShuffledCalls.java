package io.reprounit.run;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * In a forked run whose {@code java.base} is patched ({@link JdkPatch}), the kinds of call with an unspecified order
 * that a step made, as {@link UnspecifiedOrderFinding} names them; nothing in any other JVM.
 */
final class ShuffledCalls {

    private static final @Nullable MethodHandle TAKE = find("takeCalls", MethodType.methodType(int.class));
    private static final @Nullable MethodHandle RECORD = find("record", MethodType.methodType(void.class, int.class));

    private ShuffledCalls() {}

    /** The kinds recorded since the last call, forgetting them; empty where the JDK is not patched. */
    static List<String> take() {
        if (TAKE == null) {
            return List.of();
        }
        int calls;
        try {
            calls = (int) TAKE.invokeExact();
        } catch (Throwable e) {
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (int bit = 0; bit < 31; bit++) {
            if ((calls & (1 << bit)) != 0) {
                kinds.add(UnspecifiedOrderFinding.kindName(1 << bit));
            }
        }
        return kinds;
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
