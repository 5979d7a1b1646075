package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

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
 *          | MAP (value value)* END       entries sorted by the bytes of their keys (each written in a scope of its
 *                                         own); entries whose keys' bytes are equal, by their values' bytes as
 *                                         written in a scope of their own, under the normalizers that apply to them
 *                                         in place; the values themselves are written in the map's scope
 *          | F64S n u64{n} | F32S n u32{n} | INTS n i64{n}
 *                                         a non-empty array or collection whose elements are all doubles, all floats,
 *                                         or all integers (Byte, Short, Integer, Long), packed
 *          | REF up ordinal               a value written before: the ordinal-th container begun in the scope
 *                                         {@code up} scopes out from the current one (see Scopes below)
 * len, n, up, ordinal: unsigned LEB128 varints; i64, u64, i32, u32: big-endian; utf8: UTF-8, except that a surrogate
 * that is not half of a pair is the three bytes of its code unit (as in WTF-8), so that no string is written as another.
 * </pre>
 *
 * <p>"Sorted by bytes" is {@link CanonicalOrder}: unsigned lexicographic, except that two strings compare by their
 * UTF-8 alone, so that a map with string keys reads in alphabetical order.
 *
 * <p>Policies. Every NaN is the one NaN that {@code doubleToLongBits} gives; {@code -0.0} and {@code 0.0} differ (as
 * {@code Double.equals} says). An empty array or collection is {@code ARRAY END}, so that an empty list and an empty
 * {@code double[]} agree. A value left out by a normalizer is the string {@code "(left out: @IgnoreFields)"} and writes
 * no containers.
 *
 * <p>Scopes. Containers ({@code OBJECT ARRAY SET MAP BYTES F64S F32S INTS}) are numbered in the order they begin, per
 * scope, from 0. The whole value is the outermost scope. Each element of a {@code SET}, and each key of a {@code MAP},
 * opens a scope of its own before its first token and closes it after its last, whatever the element or key is (a
 * scalar or a {@code REF} too): so an element or key that is a container is ordinal 0 of its own scope, and one that is
 * itself a {@code REF} counts {@code up} from its own scope, needing {@code up >= 1} to reach anything outside it. A
 * map's values open no scope: their containers are numbered in the scope the map is in. {@code up} is the number of
 * scopes between the current one (0) and the target's. Scopes opened inside an element or key nest in it, so the
 * bytes of an element or key do not depend on where its siblings sorted.
 *
 * <p>What a REF may name. A {@code REF} names only a container of a scope still open, begun before it: the value
 * where it was first written in such a scope. A value first written inside an element or key whose scope has closed
 * is written anew where it is met next (and referred to from there on). The writer never refers to an object whose
 * members are all scalars, nor to a map a materializer writes through {@code CanonicalWriter.map}: they are written
 * anew each time, and numbered all the same.
 */
@API(status = INTERNAL, since = "0.1")
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
