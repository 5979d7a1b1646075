package io.reprounit.run;

import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one format between a test JVM and its forked runs, both ways: JSON, written and read with jackson-core's
 * streaming API over plain maps, lists, strings, numbers and booleans. Streaming only: data binding would cost a forked
 * JVM most of a second of class loading before its pipeline even started.
 */
final class ForkJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ForkJson() {}

    /** {@code value} as one line of JSON, without a line break. */
    static String line(@Nullable Object value) {
        StringWriter text = new StringWriter();
        write(value, text);
        return text.toString();
    }

    static void write(@Nullable Object value, Writer out) {
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(value, generator);
        }
    }

    private static void write(@Nullable Object value, JsonGenerator out) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeName(String.valueOf(entry.getKey()));
                write(entry.getValue(), out);
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(element, out);
            }
            out.writeEndArray();
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else {
            out.writeString(value.toString());
        }
    }

    /**
     * The object {@code in} holds, to its end.
     *
     * @throws tools.jackson.core.JacksonException where it is not one whole JSON object, such as a line cut short
     */
    static Node read(Reader in) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Not a JSON object");
            }
            return new Node(object(parser));
        }
    }

    private static Map<String, @Nullable Object> object(JsonParser parser) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            fields.put(name, value(parser, parser.nextToken()));
        }
        return fields;
    }

    private static @Nullable Object value(JsonParser parser, @Nullable JsonToken token) {
        if (token == null) {
            throw new IllegalArgumentException("The JSON ended in the middle of a value");
        }
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> {
                List<@Nullable Object> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(value(parser, next));
                }
                yield elements;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("Unexpected " + token + " in the JSON of a forked run");
        };
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
