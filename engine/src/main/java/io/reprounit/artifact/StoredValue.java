package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Materializer} wrote for one value, read back from the artifact store for
 * {@link Materializer#read(StoredValue, Type)}: the same shape its {@link CanonicalWriter} made — scalars, objects by
 * member name, arrays and sets by element, maps by entry — and, for a step's whole output, the serialized form its
 * {@link Materializer#serializedForm} gave, where the store keeps it. A part written with {@link CanonicalWriter#value}
 * is read back the same way with {@link #as(Type)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StoredValue {

    /** What every stored value read in one artifact shares: how to read parts as types, and the serialized form. */
    record Context(ReadPlans plans, Supplier<Optional<byte[]>> serializedForm) {}

    private final Kind kind;
    private final @Nullable Object payload;
    private final List<String> names = new ArrayList<>();
    private final List<StoredValue> values = new ArrayList<>();
    private final Context context;
    private final boolean whole;

    private StoredValue(Kind kind, @Nullable Object payload, Context context, boolean whole) {
        this.kind = kind;
        this.payload = payload;
        this.context = context;
        this.whole = whole;
    }

    /**
     * The value whose first token {@code in} has just read, to its end. Containers are numbered through
     * {@code register} where they are in the scope the value began in; a {@code REF} is refused.
     */
    static StoredValue read(CanonicalReader in, Context context, Consumer<StoredValue> register, boolean whole) {
        Kind first = java.util.Objects.requireNonNull(in.kind());
        StoredValue root = token(in, first, context, whole);
        if (!opens(first)) {
            if (first.isPacked()) {
                register.accept(root);
            }
            return root;
        }
        register.accept(root);
        List<StoredValue> open = new ArrayList<>(List.of(root));
        List<Boolean> scoped = new ArrayList<>(List.of(false));
        while (!open.isEmpty()) {
            Kind kind = in.next();
            StoredValue parent = open.get(open.size() - 1);
            if (kind == Kind.END) {
                open.remove(open.size() - 1);
                scoped.remove(scoped.size() - 1);
            } else if (kind == Kind.NAME) {
                parent.names.add(in.string());
            } else {
                boolean inScope = scoped.get(scoped.size() - 1) || parent.kind == Kind.SET
                        || parent.kind == Kind.MAP && parent.values.size() % 2 == 0;
                StoredValue value = token(in, kind, context, false);
                parent.values.add(value);
                if ((opens(kind) || kind.isPacked()) && !inScope) {
                    register.accept(value);
                }
                if (opens(kind)) {
                    open.add(value);
                    scoped.add(inScope);
                }
            }
        }
        return root;
    }

    private static boolean opens(Kind kind) {
        return kind == Kind.OBJECT || kind == Kind.ARRAY || kind == Kind.SET || kind == Kind.MAP;
    }

    private static StoredValue token(CanonicalReader in, Kind kind, Context context, boolean whole) {
        Object payload = switch (kind) {
            case INT -> in.longValue();
            case F64 -> in.doubleBits();
            case F32 -> (long) in.floatBits();
            case BIG_INT -> in.bigInteger();
            case DECIMAL -> in.decimal();
            case STRING -> in.string();
            case BYTES, F64S, F32S, INTS -> packed(in, kind);
            case REF -> throw new ReadFailure("what a materializer wrote refers to a value written before, which"
                    + " cannot be read back");
            default -> null;
        };
        return new StoredValue(kind, payload, context, whole);
    }

    private static Object packed(CanonicalReader in, Kind kind) {
        ReadPlan plan = kind == Kind.BYTES ? new ReadPlan.PrimitiveArray(byte[].class)
                : new ReadPlan.PrimitiveArray(kind == Kind.F32S ? float[].class : kind == Kind.F64S ? double[].class
                        : long[].class);
        return PackedReads.read(in, kind, plan);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    public boolean asBoolean() {
        require(kind == Kind.TRUE || kind == Kind.FALSE, "a boolean");
        return kind == Kind.TRUE;
    }

    public long asLong() {
        require(kind == Kind.INT, "an integer");
        return (Long) java.util.Objects.requireNonNull(payload);
    }

    /** A double, or a float widened exactly. */
    public double asDouble() {
        require(kind == Kind.F64 || kind == Kind.F32, "a floating point number");
        long bits = (Long) java.util.Objects.requireNonNull(payload);
        return kind == Kind.F64 ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    public BigInteger asBigInteger() {
        return kind == Kind.INT ? BigInteger.valueOf(asLong()) : (BigInteger) payloadOf(Kind.BIG_INT, "an integer");
    }

    public BigDecimal asBigDecimal() {
        return (BigDecimal) payloadOf(Kind.DECIMAL, "a BigDecimal");
    }

    public String asString() {
        return (String) payloadOf(Kind.STRING, "a string");
    }

    public byte[] asBytes() {
        return ((byte[]) payloadOf(Kind.BYTES, "bytes")).clone();
    }

    /** The names of an object's members, in the order written (sorted). */
    public List<String> names() {
        require(kind == Kind.OBJECT, "an object");
        return Collections.unmodifiableList(names);
    }

    public Optional<StoredValue> member(String name) {
        int at = names().indexOf(name);
        return at < 0 ? Optional.empty() : Optional.of(values.get(at));
    }

    /** The elements of an array or set, in the order stored; a packed array's numbers each as a value. */
    public List<StoredValue> elements() {
        if (kind == Kind.F64S || kind == Kind.F32S || kind == Kind.INTS) {
            List<StoredValue> elements = new ArrayList<>();
            Object numbers = java.util.Objects.requireNonNull(payload);
            for (int i = 0; i < java.lang.reflect.Array.getLength(numbers); i++) {
                long bits = numbers instanceof double[] d ? Double.doubleToRawLongBits(d[i])
                        : numbers instanceof float[] f ? Float.floatToRawIntBits(f[i]) : ((long[]) numbers)[i];
                elements.add(new StoredValue(kind == Kind.F64S ? Kind.F64 : kind == Kind.F32S ? Kind.F32 : Kind.INT,
                        bits, context, false));
            }
            return elements;
        }
        require(kind == Kind.ARRAY || kind == Kind.SET, "an array or set");
        return Collections.unmodifiableList(values);
    }

    /** The entries of a map, in the order stored (by their keys' bytes). */
    public List<Map.Entry<StoredValue, StoredValue>> entries() {
        require(kind == Kind.MAP, "a map");
        List<Map.Entry<StoredValue, StoredValue>> entries = new ArrayList<>();
        for (int i = 0; i + 1 < values.size(); i += 2) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(values.get(i), values.get(i + 1)));
        }
        return entries;
    }

    /**
     * This value read back as {@code type} by the built-in rules, as if a step had returned it: for a part the
     * materializer wrote with {@link CanonicalWriter#value}.
     *
     * @throws IllegalArgumentException where it cannot be read as {@code type}
     */
    public @Nullable Object as(Type type) {
        ChunkBuffer bytes = ChunkBuffer.inMemory();
        writeTo(bytes);
        try {
            Optional<String> why = context.plans().whyUnreadable(type);
            if (why.isPresent()) {
                throw new IllegalArgumentException(why.get());
            }
            CanonicalReader in = new CanonicalReader(new ByteArrayInputStream(bytes.toByteArray()));
            return new ValueDecoder(in, context.plans(), new Context(context.plans(), Optional::empty))
                    .read(context.plans().plan(type));
        } catch (ReadFailure | MalformedCanonicalFormException e) {
            throw new IllegalArgumentException("Cannot read the stored value as " + type.getTypeName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The serialized form that {@link Materializer#serializedForm} gave for the step's whole output, as the artifact
     * store keeps it (verified against its digest); empty for a part of an output, or where it was not kept.
     */
    public Optional<byte[]> serializedForm() {
        return whole ? context.serializedForm().get() : Optional.empty();
    }

    private void writeTo(ChunkBuffer out) {
        out.writeByte(kind.ordinal());
        switch (kind) {
            case INT, F64 -> out.writeLong((Long) java.util.Objects.requireNonNull(payload));
            case F32 -> out.writeInt((int) (long) (Long) java.util.Objects.requireNonNull(payload));
            case BIG_INT -> lengthAndBytes(out, ((BigInteger) java.util.Objects.requireNonNull(payload)).toByteArray());
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) java.util.Objects.requireNonNull(payload);
                out.writeInt(decimal.scale());
                lengthAndBytes(out, decimal.unscaledValue().toByteArray());
            }
            case STRING -> lengthAndBytes(out, Utf8.encode((String) java.util.Objects.requireNonNull(payload)));
            case BYTES -> lengthAndBytes(out, (byte[]) java.util.Objects.requireNonNull(payload));
            case F64S, F32S, INTS -> {
                List<StoredValue> elements = elements();
                out.writeVarint(elements.size());
                for (StoredValue element : elements) {
                    long bits = (Long) java.util.Objects.requireNonNull(element.payload);
                    if (kind == Kind.F32S) {
                        out.writeInt((int) bits);
                    } else {
                        out.writeLong(bits);
                    }
                }
            }
            case OBJECT, ARRAY, SET, MAP -> {
                for (int i = 0; i < values.size(); i++) {
                    if (kind == Kind.OBJECT) {
                        out.writeByte(CanonicalFormat.NAME);
                        out.writeLengthAndUtf8(names.get(i));
                    }
                    values.get(i).writeTo(out);
                }
                out.writeByte(CanonicalFormat.END);
            }
            default -> { }
        }
    }

    private static void lengthAndBytes(ChunkBuffer out, byte[] bytes) {
        out.writeVarint(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private Object payloadOf(Kind expected, String what) {
        require(kind == expected, what);
        return java.util.Objects.requireNonNull(payload);
    }

    private void require(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("The stored value is a " + kind + ", not " + what);
        }
    }

    @Override
    public String toString() {
        return "StoredValue " + kind + (payload instanceof String || payload instanceof Number ? " " + payload : "");
    }
}
