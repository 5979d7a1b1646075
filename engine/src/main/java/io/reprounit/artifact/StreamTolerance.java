package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The tolerance comparison over two canonical binary forms, token by token: every token must be the same, except that
 * two doubles or floats (packed ones too, compared in bulk) may differ within the tolerance. No limit on size: the
 * streams come from memory or the artifact store.
 */
final class StreamTolerance {

    private static final int CHUNK = 8192;

    private final ToleranceComparison comparison;

    StreamTolerance(ToleranceComparison comparison) {
        this.comparison = requireNonNull(comparison);
    }

    /** The first difference beyond the tolerance, in words; null where there is none. */
    @Nullable String walk(CanonicalReader left, CanonicalReader right) {
        while (true) {
            Kind kind = left.next();
            Kind other = right.next();
            if (kind == Kind.EOF && other == Kind.EOF) {
                return null;
            }
            String difference = kind == other ? same(left, right, kind)
                    : isFloat(kind) && isFloat(other) ? scalars(left, right)
                    : structure(left, right, kind, other);
            if (difference != null) {
                return difference;
            }
        }
    }

    private @Nullable String same(CanonicalReader left, CanonicalReader right, Kind kind) {
        return switch (kind) {
            case NAME -> left.string().equals(right.string()) ? null
                    : left.path() + " has member " + TextLines.quoted(left.string()) + " in one run where the other has "
                            + TextLines.quoted(right.string());
            case F64S, F32S -> floats(left, right, kind);
            case INTS, BYTES -> exact(left, right, kind);
            default -> kind.isScalar() ? scalars(left, right) : null;
        };
    }

    private @Nullable String scalars(CanonicalReader left, CanonicalReader right) {
        Kind kind = requireNonNull(left.kind());
        Kind other = requireNonNull(right.kind());
        if (isFloat(kind) && isFloat(other)) {
            if (kind == other && (kind == Kind.F64 ? left.doubleBits() == right.doubleBits()
                    : left.floatBits() == right.floatBits())) {
                return null;
            }
            double a = value(left);
            double b = value(right);
            long ulps = kind == Kind.F32 && other == Kind.F32
                    ? ToleranceComparison.ulpDistance(Float.intBitsToFloat(left.floatBits()),
                            Float.intBitsToFloat(right.floatBits()))
                    : ToleranceComparison.ulpDistance(a, b);
            return comparison.numbers(a, b, ulps, left.literal(), right.literal(), left.path());
        }
        String was = FirstDifference.shown(left);
        String now = FirstDifference.shown(right);
        return was.equals(now) && same(left, right) ? null
                : left.path() + " is " + was + " in one run and " + now + " in the other";
    }

    /** Scalars of one kind other than floating point, compared exactly (shown text can shorten long strings). */
    private static boolean same(CanonicalReader left, CanonicalReader right) {
        return switch (requireNonNull(left.kind())) {
            case STRING -> left.string().equals(right.string());
            case BIG_INT -> left.bigInteger().equals(right.bigInteger());
            case DECIMAL -> left.decimal().equals(right.decimal());
            default -> true;
        };
    }

    private @Nullable String floats(CanonicalReader left, CanonicalReader right, Kind kind) {
        String lengths = lengths(left, right);
        if (lengths != null) {
            return lengths;
        }
        long[] a = new long[CHUNK];
        long[] b = new long[CHUNK];
        int[] x = new int[CHUNK];
        int[] y = new int[CHUNK];
        for (long index = 0; index < left.count(); ) {
            int chunk = (int) Math.min(CHUNK, left.count() - index);
            if (kind == Kind.F64S) {
                left.readLongs(a, 0, chunk);
                right.readLongs(b, 0, chunk);
            } else {
                left.readInts(x, 0, chunk);
                right.readInts(y, 0, chunk);
            }
            int from = 0;
            while (from < chunk) {
                int at = kind == Kind.F64S ? Arrays.mismatch(a, from, chunk, b, from, chunk)
                        : Arrays.mismatch(x, from, chunk, y, from, chunk);
                if (at < 0) {
                    break;
                }
                int i = from + at;
                String difference = kind == Kind.F64S ? doubles(a[i], b[i], left.elementPath(index + i))
                        : floats(x[i], y[i], left.elementPath(index + i));
                if (difference != null) {
                    return difference;
                }
                from = i + 1;
            }
            index += chunk;
        }
        return null;
    }

    private @Nullable String doubles(long leftBits, long rightBits, String path) {
        double a = Double.longBitsToDouble(leftBits);
        double b = Double.longBitsToDouble(rightBits);
        return comparison.numbers(a, b, ToleranceComparison.ulpDistance(a, b), Double.toString(a), Double.toString(b),
                path);
    }

    private @Nullable String floats(int leftBits, int rightBits, String path) {
        float a = Float.intBitsToFloat(leftBits);
        float b = Float.intBitsToFloat(rightBits);
        return comparison.numbers(a, b, ToleranceComparison.ulpDistance(a, b), Float.toString(a), Float.toString(b),
                path);
    }

    /** Integers and bytes must be equal: the first one that is not. */
    private static @Nullable String exact(CanonicalReader left, CanonicalReader right, Kind kind) {
        String lengths = lengths(left, right);
        if (lengths != null) {
            return lengths;
        }
        long[] a = new long[CHUNK];
        long[] b = new long[CHUNK];
        byte[] p = new byte[CHUNK];
        byte[] q = new byte[CHUNK];
        for (long index = 0; index < left.count(); ) {
            int chunk = (int) Math.min(CHUNK, left.count() - index);
            int at;
            if (kind == Kind.INTS) {
                left.readLongs(a, 0, chunk);
                right.readLongs(b, 0, chunk);
                at = Arrays.mismatch(a, 0, chunk, b, 0, chunk);
            } else {
                left.readBytes(p, 0, chunk);
                right.readBytes(q, 0, chunk);
                at = Arrays.mismatch(p, 0, chunk, q, 0, chunk);
            }
            if (at >= 0) {
                return kind == Kind.INTS
                        ? left.elementPath(index + at) + " is " + a[at] + " in one run and " + b[at] + " in the other"
                        : left.path() + " differs at byte " + (index + at) + " in one run and the other";
            }
            index += chunk;
        }
        return null;
    }

    private static @Nullable String lengths(CanonicalReader left, CanonicalReader right) {
        return left.count() == right.count() ? null
                : left.path() + " has " + left.count() + " elements in one run and " + right.count() + " in the other";
    }

    /** Tokens of different kinds: a member or an element more in one run, or values of different types. */
    private static String structure(CanonicalReader left, CanonicalReader right, Kind kind, Kind other) {
        if (kind == Kind.END || other == Kind.END) {
            CanonicalReader ended = kind == Kind.END ? left : right;
            CanonicalReader longer = kind == Kind.END ? right : left;
            String more = longer.kind() == Kind.NAME ? "member " + TextLines.quoted(longer.string())
                    : "an element more (" + FirstDifference.shown(longer) + " at " + longer.path() + ")";
            return ended.path() + " has " + more + " in " + (kind == Kind.END ? "the other run only" : "one run only");
        }
        return left.path() + " is " + FirstDifference.shown(left) + " in one run and " + FirstDifference.shown(right)
                + " in the other";
    }

    private static boolean isFloat(Kind kind) {
        return kind == Kind.F64 || kind == Kind.F32;
    }

    private static double value(CanonicalReader reader) {
        return reader.kind() == Kind.F64 ? Double.longBitsToDouble(reader.doubleBits())
                : Float.intBitsToFloat(reader.floatBits());
    }
}
