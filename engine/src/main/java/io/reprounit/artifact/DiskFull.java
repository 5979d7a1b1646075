package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Whether a full disk is behind a failure. The operating system says so in an {@link IOException}'s message (Linux and
 * macOS: "No space left on device", Windows: "There is not enough space on the disk"), which often lies a few causes
 * deep, or in a failure that was suppressed by the one that came after it.
 */
@API(status = INTERNAL, since = "0.1")
public final class DiskFull {

    private DiskFull() {}

    /** Whether {@code failure}, one of its causes or a failure suppressed on the way says the disk is full. */
    public static boolean isBehind(Throwable failure) {
        return isBehind(failure, t -> false);
    }

    /**
     * As {@link #isBehind(Throwable)}, where {@code alsoFull} recognises how another layer reports a full disk, such as
     * SQLite's {@code SQLITE_FULL}.
     */
    public static boolean isBehind(Throwable failure, Predicate<Throwable> alsoFull) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> left = new ArrayDeque<>();
        left.add(failure);
        while (!left.isEmpty()) {
            Throwable next = left.poll();
            if (!seen.add(next)) {
                continue; // a cycle of causes
            }
            if (says(next) || alsoFull.test(next)) {
                return true;
            }
            if (next.getCause() != null) {
                left.add(next.getCause());
            }
            Collections.addAll(left, next.getSuppressed());
        }
        return false;
    }

    private static boolean says(Throwable failure) {
        if (!(failure instanceof IOException)) {
            return false;
        }
        String message = failure instanceof FileSystemException e && e.getReason() != null ? e.getReason()
                : failure.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left on device") || lower.contains("not enough space on the disk");
    }
}
