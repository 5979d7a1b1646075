package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML file — a pipeline's configuration or a baseline — read strictly into a tree, with the line of every key. It
 * refuses, naming the file and line, what a plain read would take for something it is not: an alias ({@code *v} would
 * read as the string {@code v}), a key given twice (the last would win without a word), a second document, bytes that
 * are not UTF-8, and nesting deeper than {@value #MAX_DEPTH} levels. One streaming pass checks and finds lines, since a
 * parsed tree forgets locations; only then is the tree built.
 */
@API(status = INTERNAL, since = "0.1")
public final class YamlDocument {

    /** Deeper than any configuration or baseline needs, and well inside the parser's own limit, which has no line. */
    static final int MAX_DEPTH = 64;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String text;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String text, JsonNode root, Map<String, Integer> lines) {
        this.text = requireNonNull(text);
        this.root = requireNonNull(root);
        this.lines = Map.copyOf(lines);
    }

    /**
     * Reads {@code bytes}, which must be UTF-8.
     *
     * @param file names the file in error messages
     * @throws YamlFormatException naming the file and line of the first problem
     */
    public static YamlDocument read(String file, byte[] bytes) {
        return read(file, decode(file, bytes));
    }

    /** Reads {@code text}; {@code file} names it in error messages. */
    public static YamlDocument read(String file, String text) {
        Map<String, Integer> lines = check(file, text);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) { // what only building the tree finds, such as bad base64 under !!binary
            throw new YamlFormatException(file, line(e, text, -1), problem(e));
        }
        return new YamlDocument(text, root == null ? MissingNode.getInstance() : root, lines);
    }

    /** The document's text, as read. */
    public String text() {
        return text;
    }

    /** The top-level value; a {@link MissingNode} for an empty document. */
    public JsonNode root() {
        return root;
    }

    /** The 1-based line of a key given by its dotted path ({@code steps.train.epochs}), or -1. */
    public int line(String path) {
        return lines.getOrDefault(path, -1);
    }

    /** Dotted path to 1-based line, for every key in nested mappings (not inside lists). */
    Map<String, Integer> lines() {
        return lines;
    }

    private static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new YamlFormatException(file, line, String.format("not UTF-8: byte 0x%02X at offset %d begins no"
                    + " UTF-8 character; save the file as UTF-8", bytes[offset] & 0xFF, offset));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The streaming pass: every key's line, and the first alias, repeated key, excess depth or second document. */
    private static Map<String, Integer> check(String file, String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(); // per open container: its dotted key path, null within a list
        List<Map<String, Integer>> keys = new ArrayList<>(); // per open mapping: its keys and their lines; null for a list
        String valuePath = ""; // the path of the value about to start; "" for the top level
        int tokenLine = 1;
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokenLine = parser.currentTokenLocation().getLineNr();
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new YamlFormatException(file, tokenLine, "an alias (*" + parser.getString() + ") is not"
                            + " supported; write the value itself instead of referring to an anchor");
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (paths.size() == MAX_DEPTH) {
                        throw new YamlFormatException(file, tokenLine, "nested more than " + MAX_DEPTH + " levels deep;"
                                + " no configuration or baseline needs that many");
                    }
                    paths.add(valuePath);
                    keys.add(token == JsonToken.START_OBJECT ? new HashMap<>() : null);
                    valuePath = null;
                } else if (token == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    Integer first = keys.get(keys.size() - 1).putIfAbsent(key, tokenLine);
                    if (first != null) {
                        throw new YamlFormatException(file, tokenLine, "the key '" + key + "' is given twice in one"
                                + " mapping (first on line " + first + "); only one value can hold, so remove one");
                    }
                    String parent = paths.get(paths.size() - 1);
                    valuePath = parent == null ? null : parent.isEmpty() ? key : parent + "." + key;
                    if (valuePath != null) {
                        lines.putIfAbsent(valuePath, tokenLine);
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.remove(paths.size() - 1);
                    keys.remove(keys.size() - 1);
                    valuePath = null;
                }
                if (paths.isEmpty() && token != JsonToken.PROPERTY_NAME) {
                    break; // the top-level value is complete
                }
            }
            if (parser.nextToken() != null) {
                throw new YamlFormatException(file, parser.currentTokenLocation().getLineNr(), "a second YAML document"
                        + " starts here; the file must hold exactly one");
            }
        } catch (JacksonException e) {
            throw new YamlFormatException(file, line(e, text, tokenLine), problem(e));
        }
        return lines;
    }

    /** The line the parser found a problem on: where the YAML scanner saw it, which Jackson's location may precede. */
    private static int line(JacksonException e, String text, int fallback) {
        if (e.getCause() instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
            return marked.getProblemMark().get().getLine() + 1;
        }
        if (e.getCause() instanceof ReaderException reader) {
            int index = text.offsetByCodePoints(0, Math.min(reader.getPosition(), text.codePointCount(0, text.length())));
            return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
        }
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : fallback;
    }

    private static String problem(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException marked && marked.getProblem() != null) {
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            return "not valid YAML: " + context + marked.getProblem().strip();
        }
        if (e.getCause() instanceof ReaderException reader) {
            return String.format("not valid YAML: the character U+%04X is not allowed in a YAML file",
                    reader.getCodePoint());
        }
        return "not valid YAML: " + e.getOriginalMessage();
    }
}
