package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Chooses how each value is encoded: a registered {@link Materializer} first, then the built-in encodings of JDK
 * values, collections, arrays, files, records and beans. Walks nested structures with a stack of its own, not the
 * call stack, so that a linked chain of a million nodes is encoded like any other value. A value met a second time in
 * the same scope, shared or in a cycle, is written as a reference to where it was first written.
 */
final class ValueEncoder {

    private static final Object NO_MATERIALIZER = new Object();

    private final List<Materializer> materializers;
    private final Normalization normalization;
    /** The containers being walked, innermost last; they also say where the value being encoded sits. */
    private final List<EncodingFrame> stack = new ArrayList<>();
    /** Where each structured object was first written, so that a second visit, or a cycle, refers back to it. */
    private final VisitTable visits = new VisitTable();
    private final Map<Class<?>, Object> claimed = new HashMap<>();
    /** Whether boxed numbers may be packed: no materializer or ignored type claims any of them one by one. */
    private final boolean packsNumbers;
    /** Whether members of primitive types may be written with no box: no materializer or ignored type claims a box. */
    private final boolean writesPrimitivesDirectly;
    /** Whether objects of primitive and string members may be written whole: no materializer or ignored type claims one. */
    private final boolean writesFlatObjects;
    /**
     * The class last written whole, and how: a list of rows is a million objects of one class, so that one comparison
     * spares the type tests and the layout lookup. Which encoding a value gets depends on its class alone.
     */
    private @Nullable Class<?> flatType;
    private @Nullable FlatObject flatObject;

    ValueEncoder(List<Materializer> materializers) {
        this(materializers, Normalization.none());
    }

    /** An encoder that writes values of the types {@code normalization} ignores as a marker naming their type. */
    ValueEncoder(List<Materializer> materializers, Normalization normalization) {
        this.materializers = requireNonNull(materializers);
        this.normalization = requireNonNull(normalization);
        boolean packs = true;
        for (Class<?> type : List.of(Double.class, Float.class, Long.class, Integer.class, Short.class, Byte.class)) {
            packs &= !normalization.ignoresType(type) && materializer(type) == null;
        }
        this.packsNumbers = packs;
        this.writesPrimitivesDirectly = packs && !normalization.ignoresType(Boolean.class) && materializer(Boolean.class) == null;
        this.writesFlatObjects = writesPrimitivesDirectly && !normalization.ignoresType(String.class)
                && materializer(String.class) == null;
    }

    /** Writes one value, nested values included; may be called again from a materializer while it writes. */
    void encode(@Nullable Object value, CanonicalWriter out) {
        int base = stack.size();
        encodeValue(value, out);
        drain(base, out);
    }

    /** A map as its entries, keys sorted by their bytes; not remembered as a shared object (it may be a temporary). */
    void encodeMap(Map<?, ?> map, CanonicalWriter out) {
        if (out.enter()) {
            int base = stack.size();
            beginMap(map, out);
            drain(base, out);
        }
    }

    private void drain(int base, CanonicalWriter out) {
        while (stack.size() > base) {
            EncodingFrame frame = stack.get(stack.size() - 1);
            if (!frame.next(this, out)) {
                stack.remove(stack.size() - 1);
                frame.end(out);
            }
        }
    }

    void push(EncodingFrame frame) {
        stack.add(frame);
    }

    /** Writes a value, or begins it and pushes a frame that writes the rest. */
    void encodeValue(@Nullable Object value, CanonicalWriter out) {
        if (!out.enter()) {
            return; // left out by @IgnoreFields: not walked at all
        }
        if (value == null) {
            out.nullValue();
            return;
        }
        Class<?> type = value.getClass();
        FlatObject flat = flatObject;
        if (type == flatType && flat != null && !out.tracksPaths()) {
            out.flatObject(value, flat, this);
            return;
        }
        if (normalization.ignoresType(type)) {
            out.string("(left out: @IgnoreTypes " + type.getName() + ")");
            return;
        }
        Materializer materializer = materializer(type);
        if (materializer != null) {
            materializer.write(value, out);
            if (out.awaitsValue()) {
                throw new MaterializationException(materializer.getClass().getName() + " wrote nothing for "
                        + describe(value) + " at " + path() + "; a materializer writes exactly one value");
            }
            return;
        }
        if (!encodeJdkValue(value, out)) {
            encodeStructure(value, out);
        }
    }

    private @Nullable Materializer materializer(Class<?> type) {
        if (materializers.isEmpty()) {
            return null;
        }
        Object found = claimed.computeIfAbsent(type, key -> {
            for (Materializer materializer : materializers) {
                if (materializer.supports(key)) {
                    return materializer;
                }
            }
            return NO_MATERIALIZER;
        });
        return found == NO_MATERIALIZER ? null : (Materializer) found;
    }

    private boolean encodeJdkValue(Object value, CanonicalWriter out) {
        if (value instanceof CharSequence text) {
            out.string(text.toString());
        } else if (value instanceof Character c) {
            out.string(c.toString());
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else if (value instanceof Double d) {
            out.number(d.doubleValue());
        } else if (value instanceof Float f) {
            out.number(f.floatValue());
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            out.number(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            out.number(i);
        } else if (value instanceof BigDecimal d) {
            out.number(d);
        } else if (value instanceof Enum<?> e) {
            out.string(e.name());
        } else if (value instanceof Locale locale) {
            out.string(locale.toLanguageTag());
        } else if (value instanceof TemporalAccessor || value instanceof Duration || value instanceof Period
                || value instanceof ZoneId || value instanceof UUID || value instanceof URI || value instanceof Currency) {
            // Value-based JDK types whose toString is specified and locale-independent.
            out.string(value.toString());
        } else if (value instanceof Path p) {
            PathContent.encode(p, out);
        } else if (value instanceof File f) {
            PathContent.encode(f.toPath(), out);
        } else if (value instanceof Optional<?> optional) {
            encodeValue(optional.orElse(null), out);
        } else {
            return false;
        }
        return true;
    }

    private void encodeStructure(Object value, CanonicalWriter out) {
        boolean container = value instanceof Collection || value instanceof Map || value.getClass().isArray();
        ObjectLayout layout = container ? null : ObjectEncoder.layout(value, this);
        if (layout == null || !layout.holdsOnlyScalars()) {
            TokenStructure.Scope scope = out.scope();
            int first = visits.visit(value, scope, scope.count);
            if (first >= 0) {
                // A shared reference or a cycle: written once, referred to by where it was first written.
                out.ref(visits.scope(first), visits.ordinal(first));
                return;
            }
        }
        FlatObject flat = layout == null || !writesFlatObjects || out.tracksPaths() ? null : layout.flat();
        if (flat != null) {
            flatType = value.getClass();
            flatObject = flat;
            out.flatObject(value, flat, this);
        } else if (layout != null) {
            ObjectEncoder.begin(value, layout, out, this);
        } else if (value instanceof byte[] bytes) {
            out.bytes(bytes); // bytes are a value, but a large array shared twice is still written once
        } else if (value.getClass().isArray()) {
            encodeArray(value, out);
        } else if (value instanceof Set<?> set) {
            out.beginSet();
            push(new EncodingFrame.Elements(set.iterator()));
        } else if (value instanceof Collection<?> collection) {
            byte tag = collection.isEmpty() || !packsNumbers || !out.packs() ? 0 : PackedNumbers.tagOf(collection);
            if (tag != 0) {
                out.packed(tag, collection, collection.size());
            } else {
                out.beginArray();
                push(new EncodingFrame.Elements(collection.iterator()));
            }
        } else {
            beginMap((Map<?, ?>) value, out);
        }
    }

    private void beginMap(Map<?, ?> map, CanonicalWriter out) {
        out.beginMap();
        push(new EncodingFrame.Entries(map));
    }

    private void encodeArray(Object array, CanonicalWriter out) {
        int length = java.lang.reflect.Array.getLength(array);
        byte tag = length == 0 || !packsNumbers || !out.packs() ? 0 : packedTag(array);
        if (tag != 0) {
            out.packed(tag, array, length);
            return;
        }
        out.beginArray();
        push(new EncodingFrame.ArrayElements(array, length));
    }

    private static byte packedTag(Object array) {
        if (array instanceof double[]) {
            return CanonicalFormat.F64S;
        }
        if (array instanceof float[]) {
            return CanonicalFormat.F32S;
        }
        if (array instanceof long[] || array instanceof int[] || array instanceof short[]) {
            return CanonicalFormat.INTS;
        }
        return array instanceof Object[] elements ? PackedNumbers.tagOf(elements) : 0;
    }

    boolean writesPrimitivesDirectly() {
        return writesPrimitivesDirectly;
    }

    ObjectLayout layout(Class<?> type) {
        return ObjectLayout.of(type);
    }

    /** Where the value being encoded sits, such as {@code output.rows[3].x}: made only when an error needs it. */
    String path() {
        StringBuilder text = new StringBuilder("output");
        for (EncodingFrame frame : stack) {
            frame.appendSegment(text);
        }
        return text.toString();
    }

    static String describe(Object value) {
        return "a " + value.getClass().getName();
    }
}
