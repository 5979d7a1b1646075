package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical text encoding of a value: indented, one element per line, so that a plain text diff of two
 * encodings lines up what differs. Object members are written in the order given, which callers keep sorted; sets and
 * maps are sorted by the encoding of their elements and keys; floating-point numbers are written by their exact value
 * (the shortest decimal that reads back as the same {@code double}), never through the default locale.
 */
public final class CanonicalWriter {

    private enum Frame { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Deque<Integer> counts = new ArrayDeque<>();
    private final ValueEncoder encoder;
    private final int baseDepth;
    private boolean afterName;
    private boolean wroteTopLevel;

    CanonicalWriter(ValueEncoder encoder, int baseDepth) {
        this.encoder = requireNonNull(encoder);
        this.baseDepth = baseDepth;
    }

    /** Writes any value the built-in encodings or a {@link Materializer} accept. */
    public CanonicalWriter value(Object value) {
        encoder.encode(value, this);
        return this;
    }

    public CanonicalWriter beginObject() {
        open(Frame.OBJECT, '{');
        return this;
    }

    public CanonicalWriter endObject() {
        return close(Frame.OBJECT, '}');
    }

    public CanonicalWriter beginArray() {
        open(Frame.ARRAY, '[');
        return this;
    }

    public CanonicalWriter endArray() {
        return close(Frame.ARRAY, ']');
    }

    /** Starts an object member; the next call writes its value. */
    public CanonicalWriter name(String name) {
        if (frames.peek() != Frame.OBJECT || afterName) {
            throw new IllegalStateException("A name belongs inside an object, before its value");
        }
        encodedName(quoted(name));
        return this;
    }

    private void encodedName(String quotedName) {
        separate();
        out.append(quotedName).append(": ");
        afterName = true;
    }

    /** A member with its value, in one call. */
    public CanonicalWriter field(String name, Object value) {
        return name(name).value(value);
    }

    public CanonicalWriter string(String value) {
        beforeValue();
        quote(value);
        return this;
    }

    public CanonicalWriter number(long value) {
        return literal(Long.toString(value));
    }

    public CanonicalWriter number(BigInteger value) {
        return literal(value.toString());
    }

    public CanonicalWriter number(BigDecimal value) {
        return literal(value.toString());
    }

    /** The shortest decimal that reads back as exactly {@code value}; the same on every JDK. */
    public CanonicalWriter number(double value) {
        return literal(FloatingPoint.exactShortest(value));
    }

    /** A {@code float} by its own shortest decimal, not by that of its widening to {@code double}. */
    public CanonicalWriter number(float value) {
        return literal(FloatingPoint.exactShortest(value));
    }

    public CanonicalWriter bool(boolean value) {
        return literal(Boolean.toString(value));
    }

    public CanonicalWriter nullValue() {
        return literal("null");
    }

    /** Bytes nested inside a structure, as a base64 string. */
    public CanonicalWriter bytes(byte[] value) {
        return string("base64:" + Base64.getEncoder().encodeToString(value));
    }

    /** The elements of a set: written in the order of their encodings, so that iteration order does not matter. */
    public CanonicalWriter unorderedArray(Iterable<?> elements) {
        List<String> encoded = new ArrayList<>();
        for (Object element : elements) {
            encoded.add(encodeNested(element));
        }
        encoded.sort(null);
        beginArray();
        for (String element : encoded) {
            beforeValue();
            out.append(element);
        }
        return endArray();
    }

    /** A map's entries in the order of their keys' encodings. Single-line keys become member names. */
    public CanonicalWriter map(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        List<String> keys = new ArrayList<>(entries.size());
        boolean scalarKeys = true;
        for (Map.Entry<?, ?> entry : entries) {
            String key = encodeNested(entry.getKey());
            scalarKeys &= key.indexOf('\n') < 0;
            keys.add(key);
        }
        Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        if (scalarKeys) {
            beginObject();
            for (int i : order) {
                String key = keys.get(i);
                encodedName(key.startsWith("\"") ? key : quoted(key));
                value(entries.get(i).getValue());
            }
            return endObject();
        }
        // Structured keys cannot be member names: a list of {key, value} pairs instead.
        beginArray();
        for (int i : order) {
            beginObject().field("key", entries.get(i).getKey()).field("value", entries.get(i).getValue()).endObject();
        }
        return endArray();
    }

    /** The encoding of one value as it would stand one level below the current one. */
    private String encodeNested(Object value) {
        CanonicalWriter nested = new CanonicalWriter(encoder, depth() + 1);
        encoder.encodeDetached(value, nested);
        return nested.toString();
    }

    private int depth() {
        return baseDepth + frames.size();
    }

    private CanonicalWriter literal(String text) {
        beforeValue();
        out.append(text);
        return this;
    }

    private void open(Frame frame, char bracket) {
        beforeValue();
        out.append(bracket);
        frames.push(frame);
        counts.push(0);
    }

    private CanonicalWriter close(Frame frame, char bracket) {
        if (frames.peek() != frame || afterName) {
            throw new IllegalStateException("Unbalanced " + bracket + " in canonical encoding");
        }
        frames.pop();
        int count = counts.pop();
        if (count > 0) {
            out.append('\n');
            indent(depth());
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (frames.isEmpty()) {
            if (wroteTopLevel) {
                throw new IllegalStateException("A canonical encoding holds exactly one value");
            }
            wroteTopLevel = true;
            return;
        }
        if (frames.peek() == Frame.OBJECT) {
            throw new IllegalStateException("An object member needs a name before its value");
        }
        separate();
    }

    private void separate() {
        int count = counts.pop();
        out.append(count == 0 ? "\n" : ",\n");
        counts.push(count + 1);
        indent(depth());
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    private void quote(String value) {
        out.append(quoted(value));
    }

    static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The encoding written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
