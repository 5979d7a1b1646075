package io.reprounit.artifact;

/**
 * The canonical binary form of a structured value, digest scheme {@value #SCHEME}: the bytes that the semantic digest
 * is taken over and that the artifact store keeps. One place for its tags, so that the writer, the reader and the text
 * rendering agree.
 *
 * <pre>
 * value   := NULL | FALSE | TRUE
 *          | INT i64                      Byte, Short, Integer, Long, and a BigInteger that fits in a long
 *          | BIG_INT len bytes            any other BigInteger, two's complement, big-endian, fewest bytes
 *          | DECIMAL scale:i32 len bytes  a BigDecimal: its scale and unscaled value (so 1.5 and 1.50 differ)
 *          | F64 u64                      a double's Double.doubleToLongBits
 *          | F32 u32                      a float's Float.floatToIntBits
 *          | STRING len utf8              CharSequence, Character, enum name, and the value-based JDK types
 *          | BYTES len bytes              a byte[]
 *          | ARRAY value* END             a list or array, in its order
 *          | SET value* END               a set, or a list normalized by @Unordered: each element in a scope of its
 *                                         own, sorted by its bytes
 *          | OBJECT (NAME len utf8 value)* END    members sorted by name (records, beans, materializers' objects)
 *          | MAP (value value)* END       entries sorted by the bytes of their keys, then of their values; each key in
 *                                         a scope of its own
 *          | F64S n u64{n} | F32S n u32{n} | INTS n i64{n}
 *                                         a non-empty array or collection whose elements are all doubles, all floats,
 *                                         or all integers (Byte, Short, Integer, Long), packed
 *          | REF up ordinal               a value written before: the ordinal-th container begun in the scope
 *                                         {@code up} scopes out from the current one
 * len, n, up, ordinal: unsigned LEB128 varints; i64, u64, i32, u32: big-endian.
 * </pre>
 *
 * <p>"Sorted by bytes" is {@link CanonicalOrder}: unsigned lexicographic, except that two strings compare by their
 * UTF-8 alone, so that a map with string keys reads in alphabetical order.
 *
 * <p>Policies. Every NaN is the one NaN that {@code doubleToLongBits} gives; {@code -0.0} and {@code 0.0} differ (as
 * {@code Double.equals} says). An empty array or collection is {@code ARRAY END}, so that an empty list and an empty
 * {@code double[]} agree. Containers ({@code OBJECT ARRAY SET MAP BYTES F64S F32S INTS}) are numbered in the order they
 * begin, per scope, from 0; the whole value is the first scope, and each element of a {@code SET} and each key of a
 * {@code MAP} opens one, so that what an element refers to does not depend on where its siblings sorted. A value left
 * out by a normalizer writes no containers.
 */
public final class CanonicalFormat {

    /** The digest scheme: recorded in baselines, so that a baseline of another scheme is recognised. */
    public static final int SCHEME = 2;

    static final byte NULL = 0x00;
    static final byte FALSE = 0x01;
    static final byte TRUE = 0x02;
    static final byte INT = 0x03;
    static final byte BIG_INT = 0x04;
    static final byte DECIMAL = 0x05;
    static final byte F64 = 0x06;
    static final byte F32 = 0x07;
    static final byte STRING = 0x08;
    static final byte BYTES = 0x09;
    static final byte ARRAY = 0x0A;
    static final byte SET = 0x0B;
    static final byte OBJECT = 0x0C;
    static final byte NAME = 0x0D;
    static final byte MAP = 0x0E;
    static final byte END = 0x0F;
    static final byte F64S = 0x10;
    static final byte F32S = 0x11;
    static final byte INTS = 0x12;
    static final byte REF = 0x13;

    private CanonicalFormat() {}
}
