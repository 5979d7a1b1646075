package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a value in the canonical binary form of {@link CanonicalFormat}, token by token, into chunks that go straight
 * to a digest and the artifact store: no output is ever whole in memory. Object members are written in the order given,
 * which callers keep sorted by name; the elements of a set, and the keys of a map, are each written on their own, in a
 * scope of their own, and sorted by their bytes. Checks the structure as it goes: names only inside objects, balanced
 * containers, exactly one value.
 *
 * <p>Where the step has normalizers, applies them to the tokens as they pass: a member that {@code @IgnoreFields} names
 * is written as a marker and whatever is written for it is dropped; a list that {@code @Unordered} names is written as
 * a set; numbers are rounded to {@code @SignificantDigits}.
 */
public final class CanonicalWriter {

    static final String LEFT_OUT = "(left out: @IgnoreFields)";

    private final ValueEncoder encoder;
    private final @Nullable PathMatcher paths;
    private final @Nullable SignificantDigits digits;
    private final WriterFrames frames;
    private ChunkBuffer out;
    private Scope scope = new Scope(0);
    /** A member's name (or a map entry's key) was written; its value comes next. */
    private boolean afterName;
    private @Nullable String memberName;
    /** {@link #enter()} has placed the next value already. */
    private boolean entered;
    /** The paths that reach the value being written, and its depth; only where paths are tracked. */
    private long valueMask;
    private int valueDepth;
    /** Tokens of a left-out value being dropped: -1 none; 0 the value has not begun; more, containers open in it. */
    private int swallowing = -1;

    CanonicalWriter(ValueEncoder encoder, ChunkBuffer out, Normalization normalization) {
        this.encoder = requireNonNull(encoder);
        this.out = requireNonNull(out);
        this.paths = PathMatcher.of(normalization);
        this.digits = SignificantDigits.of(normalization);
        this.frames = new WriterFrames(paths == null ? 0 : paths.rootMask());
    }

    /** A writer into memory with no normalizers, for a small value such as a directory listing. */
    static CanonicalWriter inMemory(ValueEncoder encoder) {
        return new CanonicalWriter(encoder, ChunkBuffer.inMemory(), Normalization.none());
    }

    /** Writes any value the built-in encodings or a {@link Materializer} accept. */
    public CanonicalWriter value(@Nullable Object value) {
        if (!swallowed(0)) {
            encoder.encode(value, this);
        }
        return this;
    }

    public CanonicalWriter beginObject() {
        if (swallowed(1)) {
            return this;
        }
        if (!beforeValue()) {
            swallowing = 1;
            return this;
        }
        requireNotUnordered("an object");
        open(WriterFrames.OBJECT, CanonicalFormat.OBJECT);
        return this;
    }

    public CanonicalWriter endObject() {
        if (swallowed(-1)) {
            return this;
        }
        if (frames.kind() != WriterFrames.OBJECT || afterName) {
            throw new IllegalStateException("Unbalanced } in canonical encoding");
        }
        return close();
    }

    public CanonicalWriter beginArray() {
        if (swallowed(1)) {
            return this;
        }
        if (!beforeValue()) {
            swallowing = 1;
            return this;
        }
        if (paths != null && paths.unorderedAt(valueMask, valueDepth) != null) {
            openSet();
        } else {
            open(WriterFrames.ARRAY, CanonicalFormat.ARRAY);
        }
        return this;
    }

    public CanonicalWriter endArray() {
        if (swallowed(-1)) {
            return this;
        }
        byte kind = frames.kind();
        if (kind != WriterFrames.ARRAY && kind != WriterFrames.SET || afterName) {
            throw new IllegalStateException("Unbalanced ] in canonical encoding");
        }
        return close();
    }

    /** Starts an object member; the next call writes its value. */
    public CanonicalWriter name(String name) {
        if (swallowing >= 0) {
            return this;
        }
        if (frames.kind() != WriterFrames.OBJECT || afterName || entered) {
            throw new IllegalStateException("A name belongs inside an object, before its value");
        }
        out.writeByte(CanonicalFormat.NAME);
        out.writeLengthAndUtf8(name);
        named(name);
        return this;
    }

    /** A member's name, its whole token encoded once per class: {@code NAME len utf8}. */
    void name(byte[] token, String name) {
        if (frames.kind() != WriterFrames.OBJECT || afterName || entered) {
            throw new IllegalStateException("A name belongs inside an object, before its value");
        }
        out.write(token, 0, token.length);
        named(name);
    }

    private void named(@Nullable String name) {
        afterName = true;
        memberName = name;
        if (paths != null && frames.top() == 1 && name != null) {
            paths.rootMember(name);
        }
    }

    /** A member with its value, in one call. */
    public CanonicalWriter field(String name, @Nullable Object value) {
        return name(name).value(value);
    }

    public CanonicalWriter string(String value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            writeString(value);
            valueDone();
        }
        return this;
    }

    public CanonicalWriter number(long value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            out.writeByte(CanonicalFormat.INT);
            out.writeLong(value);
            valueDone();
        }
        return this;
    }

    public CanonicalWriter number(BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            return number(value.longValue());
        }
        if (placed() && (paths == null || scalarAllowed(value))) {
            out.writeByte(CanonicalFormat.BIG_INT);
            writeLengthAndBytes(value.toByteArray());
            valueDone();
        }
        return this;
    }

    /** A decimal by its scale and unscaled value, so that 1.5 and 1.50 differ. */
    public CanonicalWriter number(BigDecimal value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            BigDecimal written = digits == null ? value : digits.round(value);
            out.writeByte(CanonicalFormat.DECIMAL);
            out.writeInt(written.scale());
            writeLengthAndBytes(written.unscaledValue().toByteArray());
            valueDone();
        }
        return this;
    }

    /** A double by its bits: every NaN alike, {@code -0.0} not {@code 0.0}. */
    public CanonicalWriter number(double value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            out.writeByte(CanonicalFormat.F64);
            out.writeLong(Double.doubleToLongBits(digits == null ? value : digits.round(value)));
            valueDone();
        }
        return this;
    }

    /** A float by its own bits, not by those of its widening to {@code double}. */
    public CanonicalWriter number(float value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            out.writeByte(CanonicalFormat.F32);
            out.writeInt(Float.floatToIntBits(digits == null ? value : digits.round(value)));
            valueDone();
        }
        return this;
    }

    public CanonicalWriter bool(boolean value) {
        if (placed() && (paths == null || scalarAllowed(value))) {
            out.writeByte(value ? CanonicalFormat.TRUE : CanonicalFormat.FALSE);
            valueDone();
        }
        return this;
    }

    public CanonicalWriter nullValue() {
        if (placed() && (paths == null || scalarAllowed("null"))) {
            out.writeByte(CanonicalFormat.NULL);
            valueDone();
        }
        return this;
    }

    /** Bytes nested inside a structure. */
    public CanonicalWriter bytes(byte[] value) {
        if (swallowed(0) || !beforeValue()) {
            return this;
        }
        requireNotUnordered("bytes");
        rootIs("bytes");
        scope.count++;
        out.writeByte(CanonicalFormat.BYTES);
        writeLengthAndBytes(value);
        valueDone();
        return this;
    }

    /** The elements of a set: each written on its own and sorted by its bytes, so that iteration order does not matter. */
    public CanonicalWriter unorderedArray(Iterable<?> elements) {
        if (swallowed(0) || !beforeValue()) {
            return this;
        }
        openSet();
        for (Object element : elements) {
            value(element);
        }
        return endArray();
    }

    /** A map's entries in the order of their keys' bytes, each key written on its own. */
    public CanonicalWriter map(Map<?, ?> map) {
        if (!swallowed(0)) {
            encoder.encodeMap(map, this);
        }
        return this;
    }

    // ---- for the encoder ----

    /**
     * Places the next value, before the encoder decides how to write it: false where a normalizer leaves it out (its
     * marker is written already, and nothing else must be). Where it is an element of a set, it now has its own scope.
     */
    boolean enter() {
        if (!beforeValue()) {
            return false;
        }
        entered = true;
        return true;
    }

    /** Whether a value was placed by {@link #enter()} and nothing has been written for it yet. */
    boolean awaitsValue() {
        return entered;
    }

    /** The scope that containers now begun are numbered in. */
    Scope scope() {
        return scope;
    }

    /** Whether the value placed by {@link #enter()} may be written packed: no path goes on into its elements. */
    boolean packs() {
        return paths == null || !paths.goesBelow(valueMask, valueDepth);
    }

    /** A non-empty array or collection of numbers, packed: {@code tag} is F64S, F32S or INTS. */
    void packed(byte tag, Object numbers, int count) {
        if (!beforeValue()) {
            return;
        }
        OutputPath unordered = paths == null ? null : paths.unorderedAt(valueMask, valueDepth);
        if (unordered != null) {
            paths.sorted(valueMask, valueDepth);
        }
        rootIs("a list");
        scope.count++;
        PackedNumbers.write(out, tag, numbers, count, digits, unordered != null);
        valueDone();
    }

    /** A set: elements each in a scope of their own, sorted by their bytes. */
    void beginSet() {
        if (beforeValue()) {
            openSet();
        }
    }

    void beginMap() {
        if (beforeValue()) {
            requireNotUnordered("an object");
            open(WriterFrames.MAP, CanonicalFormat.MAP);
        }
    }

    /** A map entry's key, encoded on its own; {@code name} is the key where it is a string, which paths can name. */
    void mapKey(byte[] key, @Nullable String name) {
        if (frames.kind() != WriterFrames.MAP || afterName) {
            throw new IllegalStateException("A map key belongs inside a map, before its value");
        }
        out.write(key, 0, key.length);
        named(name);
    }

    void endMap() {
        if (frames.kind() != WriterFrames.MAP || afterName) {
            throw new IllegalStateException("Unbalanced map in canonical encoding");
        }
        close();
    }

    /** A value written before: the {@code ordinal}-th container of {@code target}, an enclosing scope. */
    void ref(Scope target, int ordinal) {
        if (!beforeValue()) {
            return;
        }
        rootIs("a reference");
        out.writeByte(CanonicalFormat.REF);
        out.writeVarint(scope.depth - target.depth);
        out.writeVarint(ordinal);
        valueDone();
    }

    /** Begins a value written on its own, in a scope of its own, such as a map's key; {@link #endDetached} gives it. */
    void beginDetached() {
        pushDetached(false, 0, 0);
    }

    byte[] endDetached() {
        if (frames.kind() != WriterFrames.DETACHED || frames.count() != 1 || entered || afterName) {
            throw new IllegalStateException("A detached encoding holds exactly one value");
        }
        return popDetached();
    }

    /** Ends the encoding: it must hold exactly one value, and every path of a normalizer must have matched. */
    void finish() {
        if (frames.top() != 0 || frames.count() != 1 || swallowing >= 0 || afterName) {
            throw new IllegalStateException(frames.top() == 0 && frames.count() == 0 ? "Nothing was written: a canonical encoding holds"
                    + " exactly one value" : "An object or list was begun and not ended in the canonical encoding");
        }
        out.flush();
        if (paths != null) {
            paths.requireEveryPathMatched();
        }
    }

    /** The bytes of a writer made by {@link #inMemory}. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    // ---- structure ----

    /** Whether a token is dropped as part of a left-out value; {@code nesting} is +1 for a begin, -1 for an end. */
    private boolean swallowed(int nesting) {
        if (swallowing < 0) {
            return false;
        }
        swallowing += nesting;
        if (swallowing <= 0) {
            swallowing = -1;
        }
        return true;
    }

    /** Places a scalar; false where it is dropped or left out. */
    private boolean placed() {
        return !swallowed(0) && beforeValue();
    }

    /** Where paths are tracked: a scalar cannot be what {@code @Unordered} names. */
    private boolean scalarAllowed(Object shown) {
        OutputPath unordered = requireNonNull(paths).unorderedAt(valueMask, valueDepth);
        if (unordered != null) {
            throw PathMatcher.notAList(unordered, "the value " + shown(shown));
        }
        rootIs("the value " + shown(shown));
        return true;
    }

    private static String shown(Object value) {
        return value instanceof String text ? quoted(text) : String.valueOf(value);
    }

    private void requireNotUnordered(String what) {
        if (paths != null) {
            OutputPath unordered = paths.unorderedAt(valueMask, valueDepth);
            if (unordered != null) {
                throw PathMatcher.notAList(unordered, what);
            }
        }
    }

    private void rootIs(String kind) {
        if (paths != null && frames.top() == 0) {
            paths.rootIs(kind);
        }
    }

    /**
     * Checks that a value may stand here and works out which paths reach it; false where {@code @IgnoreFields} leaves
     * it out, after writing the marker in its place.
     */
    private boolean beforeValue() {
        if (entered) {
            entered = false;
            return true;
        }
        byte kind = frames.kind();
        switch (kind) {
            case WriterFrames.ROOT, WriterFrames.DETACHED -> {
                if (frames.count() > 0) {
                    throw new IllegalStateException("A canonical encoding holds exactly one value");
                }
                valueMask = frames.mask();
                valueDepth = frames.depth();
            }
            case WriterFrames.OBJECT, WriterFrames.MAP -> {
                if (!afterName) {
                    throw new IllegalStateException(kind == WriterFrames.OBJECT ? "An object member needs a name before"
                            + " its value" : "A map entry needs its key before its value");
                }
                afterName = false;
                reach(memberName, false);
            }
            case WriterFrames.ARRAY -> reach(null, true);
            default -> { // a set: each element in a scope of its own
                reach(null, true);
                frames.counted();
                pushDetached(true, valueMask, valueDepth);
            }
        }
        frames.counted();
        if (paths != null && valueMask != 0 && paths.leavesOut(valueMask, valueDepth)) {
            writeString(LEFT_OUT);
            valueDone();
            return false;
        }
        return true;
    }

    private void reach(@Nullable String name, boolean element) {
        if (paths != null) {
            long mask = frames.mask();
            valueMask = mask == 0 ? 0 : paths.child(mask, frames.depth(), name, element);
            valueDepth = frames.depth() + 1;
        }
    }

    private void open(byte kind, byte tag) {
        rootIs(kind == WriterFrames.ARRAY ? "a list" : "an object");
        scope.count++;
        out.writeByte(tag);
        frames.push(kind, valueMask, valueDepth, null);
    }

    private void openSet() {
        if (paths != null) {
            paths.sorted(valueMask, valueDepth);
        }
        rootIs("a list");
        scope.count++;
        out.writeByte(CanonicalFormat.SET);
        frames.push(WriterFrames.SET, valueMask, valueDepth, new ArrayList<byte[]>());
    }

    private CanonicalWriter close() {
        byte kind = frames.kind();
        if (kind == WriterFrames.ARRAY || kind == WriterFrames.SET) {
            if (paths != null && frames.count() == 0) {
                paths.throughEmptyList(frames.mask(), frames.depth());
            }
            if (kind == WriterFrames.SET) {
                List<byte[]> elements = frames.elements();
                elements.sort(Arrays::compareUnsigned);
                for (byte[] element : elements) {
                    out.write(element, 0, element.length);
                }
            }
        }
        out.writeByte(CanonicalFormat.END);
        frames.pop();
        valueDone();
        return this;
    }

    /** After a whole value: an element of a set is complete, and joins its siblings. */
    private void valueDone() {
        if (frames.kind() == WriterFrames.DETACHED && frames.collects()) {
            byte[] element = popDetached();
            frames.elements().add(element);
        }
    }

    private void pushDetached(boolean collects, long mask, int depth) {
        frames.push(WriterFrames.DETACHED, mask, depth, new WriterFrames.Detached(out, scope, collects));
        out = ChunkBuffer.inMemory();
        scope = new Scope(scope.depth + 1);
    }

    private byte[] popDetached() {
        WriterFrames.Detached detached = frames.detached();
        byte[] bytes = out.toByteArray();
        scope.closed = true;
        out = detached.out();
        scope = detached.scope();
        frames.pop();
        return bytes;
    }

    private void writeString(String value) {
        out.writeByte(CanonicalFormat.STRING);
        out.writeLengthAndUtf8(value);
    }

    private void writeLengthAndBytes(byte[] bytes) {
        out.writeVarint(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /** A string as a person reads it in a message: in double quotes, with escapes. */
    static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c < 0x20 ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Containers are numbered per scope, in the order they begin, so that a reference can name one by its ordinal. */
    static final class Scope {
        final int depth;
        int count;
        /** A closed scope's containers are not referred to again: what was first written there is written anew. */
        boolean closed;

        Scope(int depth) {
            this.depth = depth;
        }
    }
}
