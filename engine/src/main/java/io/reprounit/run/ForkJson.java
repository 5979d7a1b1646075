package io.reprounit.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one format between a test JVM and its forked runs, both ways: JSON over plain maps, lists, strings, whole numbers,
 * booleans and null, written and read here. Not with Jackson: loading and initializing jackson-core's factory cost a
 * forked JVM about a tenth of its start-up CPU before its pipeline even started, for a format this small.
 */
final class ForkJson {

    private static final String HEX = "0123456789abcdef";

    private ForkJson() {}

    /** {@code value} as one line of JSON, without a line break. */
    static String line(@Nullable Object value) {
        StringBuilder text = new StringBuilder();
        write(value, text);
        return text.toString();
    }

    private static void write(@Nullable Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else {
            string(value.toString(), out);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped, so that a line holds no line break. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The object {@code in} holds, to its end.
     *
     * @throws IllegalArgumentException where it is not one whole JSON object, such as a line cut short
     */
    static Node read(Reader in) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                text.append(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Parser parser = new Parser(text);
        parser.skipSpace();
        if (parser.peek() != '{') {
            throw new IllegalArgumentException("Not a JSON object");
        }
        Map<String, @Nullable Object> object = parser.object();
        parser.skipSpace();
        if (parser.position < text.length()) {
            throw parser.problem("more after the object");
        }
        return new Node(object);
    }

    /** A recursive descent over one JSON text. */
    private static final class Parser {
        private final CharSequence text;
        private int position;

        Parser(CharSequence text) {
            this.text = text;
        }

        int peek() {
            return position < text.length() ? text.charAt(position) : -1;
        }

        void skipSpace() {
            while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw problem("'" + c + "' expected");
            }
            position++;
        }

        @Nullable Object value() {
            skipSpace();
            int c = peek();
            switch (c) {
                case '{' -> {
                    return object();
                }
                case '[' -> {
                    position++;
                    List<@Nullable Object> elements = new ArrayList<>();
                    skipSpace();
                    if (peek() == ']') {
                        position++;
                        return elements;
                    }
                    do {
                        elements.add(value());
                        skipSpace();
                    } while (next(',', ']'));
                    return elements;
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return literal("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return literal("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return literal("null", null);
                }
                default -> {
                    return number();
                }
            }
        }

        /** The object that starts here, its members in their order. */
        Map<String, @Nullable Object> object() {
            expect('{');
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                position++;
                return fields;
            }
            do {
                skipSpace();
                String name = string();
                expect(':');
                fields.put(name, value());
                skipSpace();
            } while (next(',', '}'));
            return fields;
        }

        /** Whether another member or element follows: {@code more}, or the {@code end} that closes them. */
        private boolean next(char more, char end) {
            int c = peek();
            position++;
            if (c == more) {
                return true;
            }
            if (c == end) {
                return false;
            }
            position--;
            throw problem("'" + more + "' or '" + end + "' expected");
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!text.subSequence(position, Math.min(text.length(), position + word.length())).toString().equals(word)) {
                throw problem("a value expected");
            }
            position += word.length();
            return value;
        }

        private long number() {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (position == start || text.charAt(position - 1) == '-') {
                throw problem("a value expected");
            }
            int c = peek();
            if (c == '.' || c == 'e' || c == 'E') {
                throw problem("a whole number expected");
            }
            try {
                return Long.parseLong(text.subSequence(start, position).toString());
            } catch (NumberFormatException e) {
                throw problem("a number too large");
            }
        }

        private String string() {
            if (peek() != '"') {
                throw problem("a string expected");
            }
            position++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw problem("the text ended inside a string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw problem("the text ended inside a string");
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (position + 4 > text.length()) {
                            throw problem("the text ended inside a string");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.subSequence(position, position + 4).toString(), 16));
                        } catch (NumberFormatException e) {
                            throw problem("a bad \\u escape");
                        }
                        position += 4;
                    }
                    default -> throw problem("a bad escape");
                }
            }
        }

        IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("Malformed JSON of a forked run at character " + position + ": " + what);
        }
    }

    /** An object read back, with typed access to its members; a missing member reads as empty, zero or false. */
    record Node(Map<String, @Nullable Object> fields) {

        boolean has(String name) {
            return fields.get(name) != null;
        }

        String text(String name) {
            Object value = fields.get(name);
            return value == null ? "" : value.toString();
        }

        @Nullable String textOrNull(String name) {
            Object value = fields.get(name);
            return value == null ? null : value.toString();
        }

        long number(String name) {
            return fields.get(name) instanceof Number number ? number.longValue() : 0;
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(fields.get(name));
        }

        @SuppressWarnings("unchecked")
        Node node(String name) {
            return fields.get(name) instanceof Map<?, ?> map ? new Node((Map<String, @Nullable Object>) map)
                    : new Node(Map.of());
        }

        @SuppressWarnings("unchecked")
        List<Node> nodes(String name) {
            return fields.get(name) instanceof List<?> list ? list.stream()
                    .map(element -> new Node(element instanceof Map<?, ?> map ? (Map<String, @Nullable Object>) map
                            : Map.of()))
                    .toList() : List.of();
        }

        List<String> texts(String name) {
            return fields.get(name) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }

        /** A member that is an object of strings, such as system properties, in its order. */
        Map<String, String> strings(String name) {
            Map<String, String> values = new LinkedHashMap<>();
            if (fields.get(name) instanceof Map<?, ?> map) {
                map.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
            }
            return values;
        }
    }
}
