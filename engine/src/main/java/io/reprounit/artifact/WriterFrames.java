package io.reprounit.artifact;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The containers a {@link CanonicalWriter} has open, innermost last, in arrays rather than an object each, so that a
 * million nested containers cost little: each one's kind, how many values it holds so far, and the paths that reach it.
 */
final class WriterFrames {

    static final byte ROOT = 0;
    static final byte DETACHED = 1;
    static final byte OBJECT = 2;
    static final byte ARRAY = 3;
    static final byte SET = 4;
    static final byte MAP = 5;

    /** Where a detached value goes back to once written; whether it is an element its set collects. */
    record Detached(ChunkBuffer out, TokenStructure.Scope scope, boolean collects) {}

    private byte[] kinds = new byte[16];
    private int[] counts = new int[16];
    private long[] masks = new long[16];
    private int[] depths = new int[16];
    /** A set's elements so far; a detached value's {@link Detached}. */
    private @Nullable Object[] extras = new Object[16];
    private int top;

    WriterFrames(long rootMask) {
        masks[0] = rootMask;
    }

    int top() {
        return top;
    }

    byte kind() {
        return kinds[top];
    }

    int count() {
        return counts[top];
    }

    void counted() {
        counts[top]++;
    }

    long mask() {
        return masks[top];
    }

    int depth() {
        return depths[top];
    }

    @SuppressWarnings("unchecked")
    List<byte[]> elements() {
        return (List<byte[]>) java.util.Objects.requireNonNull(extras[top]);
    }

    boolean collects() {
        return detached().collects();
    }

    Detached detached() {
        return (Detached) java.util.Objects.requireNonNull(extras[top]);
    }

    void push(byte kind, long mask, int depth, @Nullable Object extra) {
        if (++top == kinds.length) {
            int length = kinds.length * 2;
            kinds = Arrays.copyOf(kinds, length);
            counts = Arrays.copyOf(counts, length);
            masks = Arrays.copyOf(masks, length);
            depths = Arrays.copyOf(depths, length);
            extras = Arrays.copyOf(extras, length);
        }
        kinds[top] = kind;
        counts[top] = 0;
        masks[top] = mask;
        depths[top] = depth;
        extras[top] = extra;
    }

    void pop() {
        extras[top] = null;
        top--;
    }
}
