package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Writes a value in the canonical binary form of {@link CanonicalFormat}, token by token, into chunks that go straight
 * to a digest and the artifact store: no output is ever whole in memory. Object members are written in the order given,
 * which callers keep sorted by name; the elements of a set, and the keys of a map, are each written on their own, in a
 * scope of their own, and sorted by their bytes. The structure is checked as it goes ({@link TokenStructure}).
 *
 * <p>Where the step has normalizers, they apply to the tokens as they pass: a member that {@code @IgnoreFields} names
 * is written as a marker and whatever is written for it is dropped; a list that {@code @Unordered} names is written as
 * a set; numbers are rounded to {@code @SignificantDigits}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CanonicalWriter {

    static final String LEFT_OUT = "(left out: @IgnoreFields)";

    private final ValueEncoder encoder;
    private final @Nullable SignificantDigits digits;
    private final TokenStructure structure;

    CanonicalWriter(ValueEncoder encoder, ChunkBuffer out, Normalization normalization) {
        this.encoder = requireNonNull(encoder);
        this.digits = SignificantDigits.of(normalization);
        this.structure = new TokenStructure(out, normalization);
    }

    /** A writer into memory with no normalizers, for a small value such as a directory listing. */
    static CanonicalWriter inMemory(ValueEncoder encoder) {
        return new CanonicalWriter(encoder, ChunkBuffer.inMemory(), Normalization.none());
    }

    /** Writes any value the built-in encodings or a {@link Materializer} accept. */
    public CanonicalWriter value(@Nullable Object value) {
        if (!structure.swallowed(0)) {
            encoder.encode(value, this);
        }
        return this;
    }

    public CanonicalWriter beginObject() {
        if (structure.placed(1)) {
            structure.requireNotUnordered("an object");
            structure.open(WriterFrames.OBJECT, CanonicalFormat.OBJECT);
        }
        return this;
    }

    public CanonicalWriter endObject() {
        if (!structure.swallowed(-1)) {
            if (structure.kind() != WriterFrames.OBJECT || structure.afterName()) {
                throw new IllegalStateException("Unbalanced } in canonical encoding");
            }
            structure.close();
        }
        return this;
    }

    /** Begins a list; where {@code @Unordered} names it, a set. */
    public CanonicalWriter beginArray() {
        if (structure.placed(1)) {
            if (structure.unordered() != null) {
                structure.open(WriterFrames.SET, CanonicalFormat.SET);
            } else {
                structure.open(WriterFrames.ARRAY, CanonicalFormat.ARRAY);
            }
        }
        return this;
    }

    public CanonicalWriter endArray() {
        if (!structure.swallowed(-1)) {
            byte kind = structure.kind();
            if (kind != WriterFrames.ARRAY && kind != WriterFrames.SET || structure.afterName()) {
                throw new IllegalStateException("Unbalanced ] in canonical encoding");
            }
            structure.close();
        }
        return this;
    }

    /** Starts an object member; the next call writes its value. */
    public CanonicalWriter name(String name) {
        if (!structure.dropping()) {
            structure.named(name, WriterFrames.OBJECT);
            structure.out().writeByte(CanonicalFormat.NAME);
            structure.out().writeLengthAndUtf8(name);
        }
        return this;
    }

    /** A member with its value, in one call. */
    public CanonicalWriter field(String name, @Nullable Object value) {
        return name(name).value(value);
    }

    public CanonicalWriter string(String value) {
        if (structure.placed(0) && structure.scalar(value)) {
            structure.out().writeByte(CanonicalFormat.STRING);
            structure.out().writeLengthAndUtf8(value);
            structure.valueDone();
        }
        return this;
    }

    public CanonicalWriter number(long value) {
        if (structure.placed(0) && (!structure.tracksPaths() || structure.scalar(value))) {
            structure.out().writeByte(CanonicalFormat.INT);
            structure.out().writeLong(value);
            structure.valueDone();
        }
        return this;
    }

    public CanonicalWriter number(BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            return number(value.longValue());
        }
        if (structure.placed(0) && structure.scalar(value)) {
            structure.out().writeByte(CanonicalFormat.BIG_INT);
            writeLengthAndBytes(value.toByteArray());
            structure.valueDone();
        }
        return this;
    }

    /** A decimal by its scale and unscaled value, so that 1.5 and 1.50 differ. */
    public CanonicalWriter number(BigDecimal value) {
        if (structure.placed(0) && structure.scalar(value)) {
            BigDecimal written = digits == null ? value : digits.round(value);
            structure.out().writeByte(CanonicalFormat.DECIMAL);
            structure.out().writeInt(written.scale());
            writeLengthAndBytes(written.unscaledValue().toByteArray());
            structure.valueDone();
        }
        return this;
    }

    /** A double by its bits: every NaN alike, {@code -0.0} not {@code 0.0}. */
    public CanonicalWriter number(double value) {
        if (structure.placed(0) && (!structure.tracksPaths() || structure.scalar(value))) {
            structure.out().writeByte(CanonicalFormat.F64);
            structure.out().writeLong(Double.doubleToLongBits(digits == null ? value : digits.round(value)));
            structure.valueDone();
        }
        return this;
    }

    /** A float by its own bits, not by those of its widening to {@code double}. */
    public CanonicalWriter number(float value) {
        if (structure.placed(0) && (!structure.tracksPaths() || structure.scalar(value))) {
            structure.out().writeByte(CanonicalFormat.F32);
            structure.out().writeInt(Float.floatToIntBits(digits == null ? value : digits.round(value)));
            structure.valueDone();
        }
        return this;
    }

    public CanonicalWriter bool(boolean value) {
        if (structure.placed(0) && (!structure.tracksPaths() || structure.scalar(value))) {
            structure.out().writeByte(value ? CanonicalFormat.TRUE : CanonicalFormat.FALSE);
            structure.valueDone();
        }
        return this;
    }

    public CanonicalWriter nullValue() {
        if (structure.placed(0) && structure.scalar("null")) {
            structure.out().writeByte(CanonicalFormat.NULL);
            structure.valueDone();
        }
        return this;
    }

    /** Bytes nested inside a structure: one container. */
    public CanonicalWriter bytes(byte[] value) {
        if (structure.placed(0)) {
            structure.requireNotUnordered("bytes");
            structure.rootIs("bytes");
            structure.scope().count++;
            structure.out().writeByte(CanonicalFormat.BYTES);
            writeLengthAndBytes(value);
            structure.valueDone();
        }
        return this;
    }

    /** The elements of a set: each written on its own and sorted by its bytes, so that iteration order does not matter. */
    public CanonicalWriter unorderedArray(Iterable<?> elements) {
        if (structure.placed(0)) {
            structure.open(WriterFrames.SET, CanonicalFormat.SET);
            for (Object element : elements) {
                value(element);
            }
            endArray();
        }
        return this;
    }

    /** A map's entries in the order of their keys' bytes, each key written on its own. */
    public CanonicalWriter map(Map<?, ?> map) {
        if (!structure.swallowed(0)) {
            encoder.encodeMap(map, this);
        }
        return this;
    }

    private void writeLengthAndBytes(byte[] bytes) {
        structure.out().writeVarint(bytes.length);
        structure.out().write(bytes, 0, bytes.length);
    }

    // ---- for the encoder ----

    /**
     * Places the next value, before the encoder decides how to write it: false where a normalizer leaves it out (its
     * marker is written already, and nothing else must be). Where it is an element of a set, it now has its own scope.
     */
    boolean enter() {
        return structure.enter();
    }

    /** Whether a value was placed by {@link #enter()} and nothing has been written for it yet. */
    boolean awaitsValue() {
        return structure.awaitsValue();
    }

    /** The scope that containers now begun are numbered in. */
    TokenStructure.Scope scope() {
        return structure.scope();
    }

    /** Whether the value placed by {@link #enter()} may be written packed: no path goes on into its elements. */
    boolean packs() {
        return structure.packs();
    }

    /** A member's name, its whole token encoded once per class: {@code NAME len utf8}. */
    void name(byte[] token, String name) {
        structure.named(name, WriterFrames.OBJECT);
        structure.out().write(token, 0, token.length);
    }

    /** Whether the step has path normalizers, which follow each member: then no object is written whole. */
    boolean tracksPaths() {
        return structure.tracksPaths();
    }

    /** An object whose members are all of primitive types or strings, written whole; only where no path is tracked. */
    void flatObject(Object target, FlatObject flat, ValueEncoder encoder) {
        if (structure.placed(0)) {
            structure.scope().count++;
            flat.write(target, structure.out(), digits, encoder);
            structure.valueDone();
        }
    }

    /** A non-empty array or collection of numbers, packed: {@code tag} is F64S, F32S or INTS. */
    void packed(byte tag, Object numbers, int count) {
        if (structure.placed(0)) {
            boolean sorted = structure.unordered() != null;
            structure.sorted();
            structure.rootIs("a list");
            structure.scope().count++;
            PackedNumbers.write(structure.out(), tag, numbers, count, digits, sorted);
            structure.valueDone();
        }
    }

    /** A set: elements each in a scope of their own, sorted by their bytes; ended by {@link #endArray()}. */
    void beginSet() {
        if (structure.placed(0)) {
            structure.open(WriterFrames.SET, CanonicalFormat.SET);
        }
    }

    void beginMap() {
        if (structure.placed(0)) {
            structure.requireNotUnordered("an object");
            structure.open(WriterFrames.MAP, CanonicalFormat.MAP);
        }
    }

    /** A map entry's key, encoded on its own; {@code name} is the key where it is a string, which paths can name. */
    void mapKey(byte[] key, @Nullable String name) {
        structure.named(name, WriterFrames.MAP);
        structure.out().write(key, 0, key.length);
    }

    void endMap() {
        if (structure.kind() != WriterFrames.MAP || structure.afterName()) {
            throw new IllegalStateException("Unbalanced map in canonical encoding");
        }
        structure.close();
    }

    /** A value written before: the {@code ordinal}-th container of {@code target}, an enclosing scope. */
    void ref(TokenStructure.Scope target, int ordinal) {
        if (structure.placed(0)) {
            structure.rootIs("a reference");
            structure.out().writeByte(CanonicalFormat.REF);
            structure.out().writeVarint(structure.scope().depth - target.depth);
            structure.out().writeVarint(ordinal);
            structure.valueDone();
        }
    }

    /** Begins a value written on its own, in a scope of its own, such as a map's key; {@link #endDetached} gives it. */
    void beginDetached() {
        structure.beginDetached();
    }

    /** Begins a map entry's value written on its own, as normalizers see it in place; {@link #endDetached} gives it. */
    void beginDetachedValue(@Nullable String key) {
        structure.beginDetachedValue(key);
    }

    byte[] endDetached() {
        return structure.endDetached();
    }

    /** Ends the encoding: it must hold exactly one value, and every path of a normalizer must have matched. */
    void finish() {
        structure.finish();
    }

    /** The bytes of a writer made by {@link #inMemory}. */
    byte[] toByteArray() {
        return structure.out().toByteArray();
    }
}
