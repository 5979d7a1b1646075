package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * Reads the canonical binary form ({@link CanonicalFormat}) token by token from a stream, through a buffer of its own,
 * never holding more of the stream than that: what the text rendering, the first difference and the tolerance
 * comparison walk. The elements of packed arrays and the bytes of {@code BYTES} are read in bulk, or skipped by
 * arithmetic; whatever of them is left unread when {@link #next()} is called is skipped. The grammar is checked as the
 * stream is read, and a stream that breaks it fails with a {@link MalformedCanonicalFormException} naming the offset.
 */
final class CanonicalReader {

    /** The tokens of the grammar, in the order of their tags; {@link #EOF} after the whole value. */
    enum Kind {
        NULL, FALSE, TRUE, INT, BIG_INT, DECIMAL, F64, F32, STRING, BYTES, ARRAY, SET, OBJECT, NAME, MAP, END,
        F64S, F32S, INTS, REF, EOF;

        /** A value that is one token: no elements, no END. */
        boolean isScalar() {
            return ordinal() <= STRING.ordinal() || this == REF;
        }

        /** A packed array or {@code BYTES}: a count, then that many elements of fixed width. */
        boolean isPacked() {
            return this == F64S || this == F32S || this == INTS || this == BYTES;
        }

        /** The width in bytes of a packed element. */
        int width() {
            return switch (this) {
                case F64S, INTS -> 8;
                case F32S -> 4;
                default -> 1;
            };
        }
    }

    private static final Kind[] KINDS = Kind.values();

    private final CanonicalInput in;
    private final CanonicalStructure structure;

    private @Nullable Kind kind;
    private long tokenOffset;
    private long number;
    private int up;
    private @Nullable String text;
    private @Nullable BigInteger bigInteger;
    private @Nullable BigDecimal decimal;
    private long count;
    private long remaining;

    CanonicalReader(InputStream in) {
        this(in, true);
    }

    /**
     * A reader that keeps the paths of the containers a {@code REF} may name only where {@code keepsPaths}: without
     * them, {@link #refTarget()} names a target by its ordinal ({@code #12}), and reading 100,000 small containers
     * makes no string per container.
     */
    CanonicalReader(InputStream in, boolean keepsPaths) {
        this.in = new CanonicalInput(in);
        this.structure = new CanonicalStructure(keepsPaths);
    }

    /**
     * Reads the next token and returns its kind; {@link Kind#EOF} once the value is complete and the stream ends.
     *
     * @throws MalformedCanonicalFormException where the stream breaks the grammar or ends inside the value
     */
    Kind next() {
        if (kind != null && kind != Kind.NAME && kind != Kind.EOF && !opensFrame(kind)) {
            if (kind.isPacked() && remaining > 0) {
                skip(remaining);
            }
            structure.endValue();
        }
        tokenOffset = in.offset();
        int tag = in.peek();
        if (tag < 0) {
            if (!structure.done()) {
                throw in.endOfStream(structure.expected());
            }
            return kind = Kind.EOF;
        }
        if (tag >= Kind.EOF.ordinal()) {
            throw malformed("a tag", String.format(java.util.Locale.ROOT, "0x%02x", tag));
        }
        Kind next = KINDS[tag];
        String problem = next == Kind.END ? structure.end()
                : next == Kind.NAME ? null
                : structure.beginValue();
        if (problem != null) {
            throw malformed(problem, next.toString());
        }
        in.advance();
        kind = next;
        readPayload(next);
        return next;
    }

    private void readPayload(Kind next) {
        switch (next) {
            case INT, F64 -> number = in.readLong();
            case F32 -> number = in.readInt();
            case BIG_INT -> bigInteger = new BigInteger(in.readBytes(in.readLength("a BIG_INT")));
            case DECIMAL -> {
                int scale = in.readInt();
                decimal = new BigDecimal(new BigInteger(in.readBytes(in.readLength("a DECIMAL"))), scale);
            }
            case STRING -> text = Utf8.decode(in.readBytes(in.readLength("a STRING")));
            case NAME -> {
                text = Utf8.decode(in.readBytes(in.readLength("a NAME")));
                String problem = structure.name(text);
                if (problem != null) {
                    throw malformed(problem, "NAME \"" + text + "\"");
                }
            }
            case REF -> {
                long outward = in.readVarint("a REF");
                number = in.readVarint("a REF");
                if (structure.target(outward, number) == null) {
                    throw malformed("a REF to a container begun before", "REF " + outward + " " + number);
                }
                up = (int) outward;
            }
            case BYTES, F64S, F32S, INTS -> {
                count = in.readVarint(countOf(next));
                remaining = count;
            }
            default -> { }
        }
        if (next.isScalar() || next.isPacked() || opensFrame(next)) {
            if (!next.isScalar()) {
                structure.beginContainer(next);
            } else if (next != Kind.REF && structure.atMapKey()) {
                structure.keyText(next == Kind.STRING ? requireNonNull(text) : literal());
            }
        }
    }

    /** What a packed count is called in a message: a constant, so that no text is made per container. */
    private static String countOf(Kind packed) {
        return switch (packed) {
            case BYTES -> "the count of a BYTES";
            case F64S -> "the count of a F64S";
            case F32S -> "the count of a F32S";
            default -> "the count of a INTS";
        };
    }

    private static boolean opensFrame(Kind kind) {
        return kind == Kind.ARRAY || kind == Kind.SET || kind == Kind.OBJECT || kind == Kind.MAP;
    }

    /** The current token's kind; null before the first {@link #next()}. */
    @Nullable Kind kind() {
        return kind;
    }

    /** The offset of the current token in the stream. */
    long tokenOffset() {
        return tokenOffset;
    }

    /** The containers open around the current token's elements. */
    int depth() {
        return structure.depth();
    }

    /** The path of the current token in the output, such as {@code output.rows[3].score}. */
    String path() {
        return structure.path();
    }

    /** The path of the {@code index}-th element of the current packed array. */
    String elementPath(long index) {
        return structure.path() + "[" + index + "]";
    }

    /** Whether the current token is the key of a map entry. */
    boolean atMapKey() {
        return structure.atMapKey();
    }

    long longValue() {
        expect(Kind.INT);
        return number;
    }

    long doubleBits() {
        expect(Kind.F64);
        return number;
    }

    int floatBits() {
        expect(Kind.F32);
        return (int) number;
    }

    BigInteger bigInteger() {
        expect(Kind.BIG_INT);
        return requireNonNull(bigInteger);
    }

    BigDecimal decimal() {
        expect(Kind.DECIMAL);
        return requireNonNull(decimal);
    }

    /** The text of a STRING or the name of a NAME. */
    String string() {
        if (kind != Kind.STRING && kind != Kind.NAME) {
            throw new IllegalStateException("The current token is " + kind + ", not a STRING or NAME");
        }
        return requireNonNull(text);
    }

    /** How many scopes out from the current one the current REF's target is. */
    int refUp() {
        expect(Kind.REF);
        return up;
    }

    /** The ordinal, in its scope, of the container the current REF refers to. */
    long refOrdinal() {
        expect(Kind.REF);
        return number;
    }

    /** The path of what the current REF refers to, or {@code #ordinal} where the reader did not keep it. */
    String refTarget() {
        expect(Kind.REF);
        return requireNonNull(structure.target(up, number));
    }

    /** The scalar as the canonical text shows it, unquoted: {@code 12}, {@code 0.5}, {@code true}, a string's text. */
    String literal() {
        return switch (requireNonNull(kind)) {
            case NULL -> "null";
            case FALSE -> "false";
            case TRUE -> "true";
            case INT -> Long.toString(number);
            case BIG_INT -> requireNonNull(bigInteger).toString();
            case DECIMAL -> requireNonNull(decimal).toString();
            case F64 -> Double.toString(Double.longBitsToDouble(number));
            case F32 -> Float.toString(Float.intBitsToFloat((int) number));
            case STRING, NAME -> requireNonNull(text);
            default -> throw new IllegalStateException("A " + kind + " is not a scalar");
        };
    }

    /** The element count of the current packed array, or the length of the current BYTES. */
    long count() {
        return count;
    }

    /** The elements of the current packed array not yet read or skipped. */
    long remaining() {
        return remaining;
    }

    /** The next {@code length} elements of an F64S (their bits) or INTS. */
    void readLongs(long[] into, int offset, int length) {
        bulk(length, Kind.F64S, Kind.INTS);
        in.readLongs(into, offset, length);
    }

    /** The next {@code length} elements of an F64S, as doubles, bit for bit. */
    void readDoubles(double[] into, int offset, int length) {
        bulk(length, Kind.F64S, Kind.F64S);
        in.readDoubles(into, offset, length);
    }

    /** The next {@code length} elements of an F32S, as their bits. */
    void readInts(int[] into, int offset, int length) {
        bulk(length, Kind.F32S, Kind.F32S);
        in.readInts(into, offset, length);
    }

    /** The next {@code length} bytes of a BYTES. */
    void readBytes(byte[] into, int offset, int length) {
        bulk(length, Kind.BYTES, Kind.BYTES);
        in.readFully(into, offset, length);
    }

    /** Skips the next {@code elements} elements of the current packed array without reading them. */
    void skip(long elements) {
        if (elements < 0 || elements > remaining) {
            throw new IllegalArgumentException("Cannot skip " + elements + " of " + remaining + " elements");
        }
        remaining -= elements;
        in.skip(elements * requireNonNull(kind).width(), "a " + kind);
    }

    /** Reads past the current value: the whole container where it begins one. */
    void skipValue() {
        int depth = structure.depth();
        if (kind != null && opensFrame(kind)) {
            while (next() != Kind.END || structure.depth() >= depth) {
                // the container's own tokens
            }
        }
    }

    private void bulk(int length, Kind one, Kind other) {
        if (kind != one && kind != other) {
            throw new IllegalStateException("The current token is " + kind + ", not a " + one);
        }
        if (length < 0 || length > remaining) {
            throw new IllegalArgumentException("Cannot read " + length + " of " + remaining + " elements");
        }
        remaining -= length;
    }

    private void expect(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("The current token is " + kind + ", not " + expected);
        }
    }

    private MalformedCanonicalFormException malformed(String expected, String found) {
        return new MalformedCanonicalFormException(tokenOffset, expected, found, false);
    }

    @Override
    public String toString() {
        return "CanonicalReader at offset " + tokenOffset + ": " + kind + " at " + path();
    }
}
