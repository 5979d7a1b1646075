package io.reprounit.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for scripts: objects whose fields keep the order they were put in, instants as ISO-8601 text. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }

    /** An object to fill field by field, in order. */
    static final class Fields {
        private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

        Fields put(String name, @Nullable Object value) {
            fields.put(name, value instanceof Instant instant ? instant.toString() : value);
            return this;
        }

        Map<String, @Nullable Object> map() {
            return fields;
        }
    }

    static Fields object() {
        return new Fields();
    }
}
