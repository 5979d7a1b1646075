package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where two canonical forms first differ: both token streams walked in lockstep, packed arrays compared in bulk, lines
 * counted but never formatted, so that two 128 MB outputs that differ near their end cost a pass over their bytes.
 *
 * @param path     where in the output, such as {@code output.rows[12345678]}
 * @param line     the line of the text rendering ({@link CanonicalText}) where the difference stands, from 1
 * @param expected the differing token of the first form, shortened
 * @param actual   that of the second
 */
@API(status = INTERNAL, since = "0.1")
public record FirstDifference(String path, long line, String expected, String actual) {

    private static final int CHUNK = 8192;
    private static final int SHOWN = 60;

    public FirstDifference {
        requireNonNull(path);
        requireNonNull(expected);
        requireNonNull(actual);
    }

    /** As one line: {@code first difference at output[12] (line 14): 0.5 → 0.25}. */
    public String message() {
        return "first difference at " + path + " (line " + line + "): " + expected + " → " + actual;
    }

    /**
     * The first difference between two canonical forms, or empty where they agree as far as both go (where one is
     * only the kept first bytes of an output, they may still differ past them).
     *
     * @throws MalformedCanonicalFormException where either stream is not a canonical form
     */
    public static Optional<FirstDifference> find(InputStream expected, InputStream actual) {
        CanonicalReader left = new CanonicalReader(expected);
        CanonicalReader right = new CanonicalReader(actual);
        TextLines lines = TextLines.counting();
        try {
            while (true) {
                Kind kind = left.next();
                Kind other = right.next();
                if (kind == Kind.EOF && other == Kind.EOF) {
                    return Optional.empty();
                }
                lines.accept(left);
                if (kind != other || kind.isScalar() && !sameScalar(left, right)
                        || kind == Kind.NAME && !left.string().equals(right.string())) {
                    return Optional.of(new FirstDifference(left.path(), lines.tokenLine(), shown(left), shown(right)));
                }
                if (kind.isPacked()) {
                    Optional<FirstDifference> found = comparePacked(left, right, lines.tokenLine());
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } catch (MalformedCanonicalFormException e) {
            if (e.endOfStream()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean sameScalar(CanonicalReader left, CanonicalReader right) {
        return switch (requireNonNull(left.kind())) {
            case INT -> left.longValue() == right.longValue();
            case F64 -> left.doubleBits() == right.doubleBits();
            case F32 -> left.floatBits() == right.floatBits();
            case BIG_INT -> left.bigInteger().equals(right.bigInteger());
            case DECIMAL -> left.decimal().equals(right.decimal());
            case STRING -> left.string().equals(right.string());
            case REF -> left.refTarget().equals(right.refTarget());
            default -> true;
        };
    }

    /** Element by element, in chunks: the first index where they differ, or where one of them ends. */
    private static Optional<FirstDifference> comparePacked(CanonicalReader left, CanonicalReader right, long line) {
        Kind kind = requireNonNull(left.kind());
        long common = Math.min(left.count(), right.count());
        long[] a = new long[CHUNK];
        long[] b = new long[CHUNK];
        int[] x = new int[CHUNK];
        int[] y = new int[CHUNK];
        byte[] p = new byte[CHUNK];
        byte[] q = new byte[CHUNK];
        for (long index = 0; index < common; ) {
            int chunk = (int) Math.min(CHUNK, common - index);
            int at;
            switch (kind) {
                case F32S -> {
                    left.readInts(x, 0, chunk);
                    right.readInts(y, 0, chunk);
                    at = Arrays.mismatch(x, 0, chunk, y, 0, chunk);
                }
                case BYTES -> {
                    left.readBytes(p, 0, chunk);
                    right.readBytes(q, 0, chunk);
                    at = Arrays.mismatch(p, 0, chunk, q, 0, chunk);
                }
                default -> {
                    left.readLongs(a, 0, chunk);
                    right.readLongs(b, 0, chunk);
                    at = Arrays.mismatch(a, 0, chunk, b, 0, chunk);
                }
            }
            if (at >= 0) {
                long element = index + at;
                String was = element(kind, a[at], x[at], p[at]);
                String now = element(kind, b[at], y[at], q[at]);
                return Optional.of(kind == Kind.BYTES
                        ? new FirstDifference(left.path() + " byte " + element, line, was, now)
                        : new FirstDifference(left.elementPath(element), line + 1 + element, was, now));
            }
            index += chunk;
        }
        if (left.count() == right.count()) {
            return Optional.empty();
        }
        String was = left.count() > common ? "an element" : "(no element)";
        String now = right.count() > common ? "an element" : "(no element)";
        return Optional.of(new FirstDifference(left.elementPath(common) + " (" + left.count() + " elements against "
                + right.count() + ")", line + 1 + common, was, now));
    }

    private static String element(Kind kind, long bits, int floatBits, byte value) {
        return switch (kind) {
            case F64S -> Double.toString(Double.longBitsToDouble(bits));
            case F32S -> Float.toString(Float.intBitsToFloat(floatBits));
            case BYTES -> String.format(java.util.Locale.ROOT, "0x%02x", value);
            default -> Long.toString(bits);
        };
    }

    /** The token as a person recognises it in the text. */
    static String shown(CanonicalReader reader) {
        String text = switch (requireNonNull(reader.kind())) {
            case EOF -> "(the end)";
            case END -> "(the end of " + reader.path() + ")";
            case NAME -> TextLines.quoted(reader.string()) + ": …";
            case STRING -> TextLines.quoted(reader.string());
            case ARRAY, SET, F64S, F32S, INTS -> "[…";
            case OBJECT, MAP -> "{…";
            case BYTES -> "\"base64:…\"";
            case REF -> "{\"$ref\": " + TextLines.quoted(reader.refTarget()) + "}";
            default -> reader.literal();
        };
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "…";
    }
}
