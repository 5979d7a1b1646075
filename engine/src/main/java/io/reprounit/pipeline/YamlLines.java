package io.reprounit.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The line of every key of a YAML document, by dotted path, read in one streaming pass since a parsed tree forgets
 * locations — and an error about a key should say where the key is.
 */
public final class YamlLines {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlLines() {}

    /** Dotted path ({@code steps.train.epochs}) to 1-based line, for every key in nested mappings. */
    public static Map<String, Integer> of(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                read(parser, "", lines);
            }
        }
        return lines;
    }

    private static void read(JsonParser parser, String prefix, Map<String, Integer> lines) {
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String path = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
            lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                read(parser, path, lines);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
    }
}
