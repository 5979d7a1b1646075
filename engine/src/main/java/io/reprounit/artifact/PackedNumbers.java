package io.reprounit.artifact;

import java.util.Arrays;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Numbers in bulk: {@code F64S}, {@code F32S} or {@code INTS}, a count and then each number's bits, big-endian. A
 * {@code double[]}, {@code float[]} or {@code long[]} goes in chunks straight from the array; anything else (narrower
 * integer arrays, boxed numbers in an array or collection) number by number, with no object made per number.
 */
final class PackedNumbers {

    private PackedNumbers() {}

    /**
     * Writes {@code count} numbers of {@code numbers} (a primitive array, an {@code Object[]} or an {@code Iterable}
     * whose elements all suit {@code tag}), rounded where {@code digits} says, sorted by their bytes where
     * {@code sorted}.
     */
    static void write(ChunkBuffer out, byte tag, Object numbers, int count, @Nullable SignificantDigits digits,
            boolean sorted) {
        out.writeByte(tag);
        out.writeVarint(count);
        if (digits == null && !sorted) {
            if (numbers instanceof double[] doubles) {
                out.writeDoubles(doubles, 0, count);
                return;
            }
            if (numbers instanceof float[] floats) {
                out.writeFloats(floats, 0, count);
                return;
            }
            if (numbers instanceof long[] longs) {
                out.writeLongs(longs, 0, count);
                return;
            }
        }
        boolean wide = tag != CanonicalFormat.F32S;
        if (!sorted) {
            forEach(numbers, tag, digits, wide ? out::writeLong : bits -> out.writeInt((int) bits));
            return;
        }
        long[] all = new long[count];
        int[] filled = {0};
        forEach(numbers, tag, digits, bits -> all[filled[0]++] = bits);
        // By their big-endian bytes, unsigned: for 8-byte values, signed order once the sign bit is flipped; 4-byte
        // values are held zero-extended, where signed order is already theirs.
        if (wide) {
            flipSigns(all);
        }
        Arrays.sort(all);
        if (wide) {
            flipSigns(all);
            out.writeLongs(all, 0, count);
        } else {
            for (long bits : all) {
                out.writeInt((int) bits);
            }
        }
    }

    private static void flipSigns(long[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] ^= Long.MIN_VALUE;
        }
    }

    /** Each number's bits, as written: 4-byte ones zero-extended. */
    private static void forEach(Object numbers, byte tag, @Nullable SignificantDigits digits, LongConsumer action) {
        if (numbers instanceof double[] doubles) {
            for (double value : doubles) {
                action.accept(doubleBits(value, digits));
            }
        } else if (numbers instanceof float[] floats) {
            for (float value : floats) {
                action.accept(floatBits(value, digits));
            }
        } else if (numbers instanceof long[] longs) {
            for (long value : longs) {
                action.accept(value);
            }
        } else if (numbers instanceof int[] ints) {
            for (int value : ints) {
                action.accept(value);
            }
        } else if (numbers instanceof short[] shorts) {
            for (short value : shorts) {
                action.accept(value);
            }
        } else if (numbers instanceof Object[] elements) {
            for (Object element : elements) {
                action.accept(boxedBits(element, tag, digits));
            }
        } else {
            for (Object element : (Iterable<?>) numbers) {
                action.accept(boxedBits(element, tag, digits));
            }
        }
    }

    private static long boxedBits(Object element, byte tag, @Nullable SignificantDigits digits) {
        if (tag == CanonicalFormat.F64S) {
            return doubleBits((Double) element, digits);
        }
        if (tag == CanonicalFormat.F32S) {
            return floatBits((Float) element, digits);
        }
        return ((Number) element).longValue();
    }

    private static long doubleBits(double value, @Nullable SignificantDigits digits) {
        return Double.doubleToLongBits(digits == null ? value : digits.round(value));
    }

    private static long floatBits(float value, @Nullable SignificantDigits digits) {
        return Float.floatToIntBits(digits == null ? value : digits.round(value)) & 0xFFFF_FFFFL;
    }

    /**
     * The tag under which the elements of a non-empty {@code Object[]} or collection go packed — all doubles, all floats,
     * or all integers of at most 64 bits — or 0 where they do not.
     */
    static byte tagOf(Iterable<?> elements) {
        byte tag = 0;
        for (Object element : elements) {
            byte own = tagOfElement(element);
            if (own == 0 || tag != 0 && own != tag) {
                return 0;
            }
            tag = own;
        }
        return tag;
    }

    static byte tagOf(Object[] elements) {
        return tagOf(Arrays.asList(elements));
    }

    private static byte tagOfElement(@Nullable Object element) {
        if (element instanceof Double) {
            return CanonicalFormat.F64S;
        }
        if (element instanceof Float) {
            return CanonicalFormat.F32S;
        }
        if (element instanceof Integer || element instanceof Long || element instanceof Short || element instanceof Byte) {
            return CanonicalFormat.INTS;
        }
        return 0;
    }
}
