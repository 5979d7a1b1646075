package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;

/**
 * A packed form ({@code F64S F32S INTS}) or {@code BYTES} back into the declared array or collection: a primitive
 * array in bulk, with no box per element; boxed elements each through the element's scalar read. Reads in chunks that
 * grow as the elements arrive, so that a damaged count fails as a short stream rather than a huge allocation.
 */
final class PackedReads {

    private static final int CHUNK = 64 * 1024;
    private static final int[] NO_INTS = new int[0];

    private PackedReads() {}

    static Object read(CanonicalReader in, Kind kind, ReadPlan plan) {
        if (in.count() > Integer.MAX_VALUE - 8) {
            throw new ReadFailure("a packed array of " + in.count() + " elements does not fit in a Java array");
        }
        if (kind == Kind.BYTES) {
            if (plan.type() != byte[].class) {
                throw ScalarReads.mismatch("a byte[]", plan.type());
            }
            return bytes(in);
        }
        if (kind == Kind.F64S && plan.type() == double[].class) {
            return doubles(in);
        }
        Kind element = kind == Kind.F64S ? Kind.F64 : kind == Kind.F32S ? Kind.F32 : Kind.INT;
        long[] raw = raw(in, kind);
        if (plan instanceof ReadPlan.PrimitiveArray array) {
            return primitives(raw, element, array.type().getComponentType());
        }
        ReadPlan elementPlan = plan instanceof ReadPlan.ObjectArray array ? array.element()
                : plan instanceof ReadPlan.CollectionOf collection ? collection.element() : plan;
        if (!(elementPlan instanceof ReadPlan.Scalar scalar)) {
            throw ScalarReads.mismatch("a packed array of numbers", plan.type());
        }
        if (plan instanceof ReadPlan.ObjectArray array) {
            Object[] values = (Object[]) Array.newInstance(array.type().getComponentType(), raw.length);
            for (int i = 0; i < raw.length; i++) {
                values[i] = ScalarReads.number(element, raw[i], scalar.type());
            }
            return values;
        }
        if (!(plan instanceof ReadPlan.CollectionOf collection)) {
            throw ScalarReads.mismatch("a packed array of numbers", plan.type());
        }
        Collection<Object> values = collection.factory().get();
        for (long bits : raw) {
            values.add(ScalarReads.number(element, bits, scalar.type()));
        }
        return values;
    }

    private static byte[] bytes(CanonicalReader in) {
        int count = (int) in.count();
        byte[] bytes = new byte[Math.min(count, CHUNK)];
        int done = 0;
        while (done < count) {
            if (done == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(count, 2L * bytes.length));
            }
            int chunk = bytes.length - done;
            in.readBytes(bytes, done, chunk);
            done += chunk;
        }
        return bytes;
    }

    /** A {@code double[]} straight from its F64S, with no array of bits between. */
    private static double[] doubles(CanonicalReader in) {
        int count = (int) in.count();
        double[] values = new double[Math.min(count, CHUNK)];
        int done = 0;
        while (done < count) {
            if (done == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            int chunk = values.length - done;
            in.readDoubles(values, done, chunk);
            done += chunk;
        }
        return values;
    }

    /**
     * Whether {@code values}, read from an F64S, hold no NaN but the one {@link Double#doubleToLongBits} gives: the
     * only one the writer writes, so that each value is written again with the bits it was read from.
     */
    static boolean writtenAsRead(double[] values) {
        for (double value : values) {
            if (value != value && Double.doubleToRawLongBits(value) != 0x7ff8000000000000L) {
                return false;
            }
        }
        return true;
    }

    /** Every element's bits: an F32S element zero-extended, as the reader gives it. */
    private static long[] raw(CanonicalReader in, Kind kind) {
        int count = (int) in.count();
        long[] raw = new long[Math.min(count, CHUNK)];
        int[] narrow = kind == Kind.F32S ? new int[Math.min(count, CHUNK)] : NO_INTS;
        int done = 0;
        while (done < count) {
            if (done == raw.length) {
                raw = Arrays.copyOf(raw, (int) Math.min(count, 2L * raw.length));
            }
            int chunk = Math.min(raw.length - done, CHUNK);
            if (kind == Kind.F32S) {
                in.readInts(narrow, 0, chunk);
                for (int i = 0; i < chunk; i++) {
                    raw[done + i] = narrow[i];
                }
            } else {
                in.readLongs(raw, done, chunk);
            }
            done += chunk;
        }
        return raw;
    }

    private static Object primitives(long[] raw, Kind element, Class<?> component) {
        if (component == double.class && element == Kind.F64) {
            double[] values = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                values[i] = Double.longBitsToDouble(raw[i]);
            }
            return values;
        }
        if (component == long.class && element == Kind.INT) {
            return raw;
        }
        Object values = Array.newInstance(component, raw.length);
        for (int i = 0; i < raw.length; i++) {
            Array.set(values, i, ScalarReads.number(element, raw[i], component));
        }
        return values;
    }
}
