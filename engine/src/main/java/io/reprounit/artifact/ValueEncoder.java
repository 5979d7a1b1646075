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
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Currency;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Chooses how each value is encoded: a registered {@link Materializer} first, then the built-in encodings of JDK
 * values, collections, arrays, files, records and beans. Keeps the path to the value being encoded, so that an error can
 * say where in the output it happened.
 */
final class ValueEncoder {

    private final List<Materializer> materializers;
    private final Normalization normalization;
    private final Deque<String> path = new ArrayDeque<>();
    /** Where each structured object was first written, so that a second visit, or a cycle, refers back to it. */
    private Map<Object, String> firstVisits = new IdentityHashMap<>();

    ValueEncoder(List<Materializer> materializers) {
        this(materializers, Normalization.none());
    }

    /** An encoder that writes values of the types {@code normalization} ignores as a marker naming their type. */
    ValueEncoder(List<Materializer> materializers, Normalization normalization) {
        this.materializers = requireNonNull(materializers);
        this.normalization = requireNonNull(normalization);
    }

    void encode(Object value, CanonicalWriter out) {
        if (value == null) {
            out.nullValue();
            return;
        }
        Class<?> type = value.getClass();
        if (normalization.ignoresType(type)) {
            out.string("(left out: @IgnoreTypes " + type.getName() + ")");
            return;
        }
        for (Materializer materializer : materializers) {
            if (materializer.supports(type)) {
                materializer.write(value, out);
                return;
            }
        }
        if (!encodeJdkValue(value, out)) {
            encodeStructure(value, out);
        }
    }

    private boolean encodeJdkValue(Object value, CanonicalWriter out) {
        if (value instanceof CharSequence text) {
            out.string(text.toString());
        } else if (value instanceof Character c) {
            out.string(c.toString());
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else if (value instanceof Double d) {
            out.number(d);
        } else if (value instanceof Float f) {
            out.number(f);
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
            encode(optional.orElse(null), out);
        } else {
            return false;
        }
        return true;
    }

    private void encodeStructure(Object value, CanonicalWriter out) {
        String first = firstVisits.get(value);
        if (first != null) {
            // A shared reference or a cycle: written once, referred to by the path where it was first written.
            out.beginObject().field("$ref", first).endObject();
            return;
        }
        firstVisits.put(value, path());
        if (value instanceof byte[] bytes) {
            out.bytes(bytes); // bytes are a value, but a large array shared twice is still written once
        } else if (value.getClass().isArray()) {
            encodeArray(value, out);
        } else if (value instanceof Set<?> set) {
            out.unorderedArray(set);
        } else if (value instanceof Collection<?> collection) {
            out.beginArray();
            int index = 0;
            for (Object element : collection) {
                at("[" + index++ + "]", () -> encode(element, out));
            }
            out.endArray();
        } else if (value instanceof Map<?, ?> map) {
            out.map(map);
        } else {
            ObjectEncoder.encode(value, out, this);
        }
    }

    /**
     * Encodes one element of a set or map on its own, as if its siblings had not been written: they are sorted by their
     * encodings afterwards, so an element's encoding must not depend on the order in which the set was iterated.
     * Objects first met inside it are not remembered past it.
     */
    void encodeDetached(Object value, CanonicalWriter out) {
        Map<Object, String> before = firstVisits;
        firstVisits = new IdentityHashMap<>(before);
        try {
            encode(value, out);
        } finally {
            firstVisits = before;
        }
    }

    private void encodeArray(Object array, CanonicalWriter out) {
        int length = java.lang.reflect.Array.getLength(array);
        out.beginArray();
        for (int i = 0; i < length; i++) {
            Object element = java.lang.reflect.Array.get(array, i);
            at("[" + i + "]", () -> encode(element, out));
        }
        out.endArray();
    }

    /** Encodes inside a named place, so that errors below it name the place. */
    void at(String segment, Runnable encoding) {
        path.addLast(segment);
        try {
            encoding.run();
        } finally {
            path.removeLast();
        }
    }

    String path() {
        StringBuilder text = new StringBuilder("output");
        for (String segment : path) {
            text.append(segment.startsWith("[") ? "" : ".").append(segment);
        }
        return text.toString();
    }

    static String describe(Object value) {
        return "a " + value.getClass().getName();
    }
}
