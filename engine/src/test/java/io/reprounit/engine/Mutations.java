package io.reprounit.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mutations of a valid YAML file, each of which makes it malformed by construction, so that a fuzz test may demand an
 * error for every one without asking the code under test which ones are: the reason each is malformed is given on it,
 * in terms of the file format's rules, not of the reader's behaviour.
 */
final class Mutations {

    /** The reader's nesting limit; a structure one level deeper than this is refused wherever it stands. */
    static final int NESTING_LIMIT = 64;

    /** What a value at a path must be, and the values of other kinds that it cannot be. */
    enum Expected {
        /** A mapping, which nothing else can stand for. */
        MAPPING("[1, 2]", "x", "3"),
        /** A part that may be a value or a mapping of value and digest: only a list is wrong. */
        PART("[1, 2]"),
        /** Text: any single value will do, so only containers are wrong. */
        TEXT("[a, b]", "{a: b}"),
        /** A whole number. */
        INTEGER("three", "[3]", "{n: 3}", "3.5", "true"),
        /** A size in bytes: a whole number, 0 or more. */
        SIZE("ten", "[1]", "{n: 1}", "1.5", "-1"),
        /** A digest, {@code sha256:} and 64 hex digits. */
        DIGEST("sha256:zz", "md5:abc", "5", "[sha256:ab]", "{d: 1}"),
        /** The digest scheme, a number this build knows: 2. */
        SCHEME("two", "[2]", "{s: 2}", "1", "3"),
        /** A boolean. */
        BOOLEAN("yes", "1", "[true]"),
        /** A list of text. */
        LIST("{a: 1}", "x", "3");

        private final List<String> wrong;

        Expected(String... wrong) {
            this.wrong = List.of(wrong);
        }
    }

    /** A key line of a block mapping: indentation, key (plain, or quoted), and its inline value if any. */
    private static final Pattern KEY_LINE = Pattern.compile(
            "^( *)((?:[^\\s#\\-\"'\\[{][^:]*?|\"[^\"]*\"|'[^']*')(?::[^\\s][^:]*?)*):(?: +(.*))?$");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Mutations() {}

    /**
     * The file cut at a random point before {@code limit}: the caller chooses the limit so that the cut always removes
     * or shortens a value the file must have complete.
     */
    static byte[] truncate(byte[] valid, int limit, Random random) {
        int cut = random.nextInt(limit);
        byte[] cutOff = new byte[cut];
        System.arraycopy(valid, 0, cutOff, 0, cut);
        return cutOff;
    }

    /** The value at one of {@code typed}'s paths replaced by one of a kind the path cannot take. */
    static byte[] swapType(byte[] valid, Map<String, Expected> typed, Random random) {
        ObjectNode root = (ObjectNode) YAML.readTree(valid);
        List<String> paths = new ArrayList<>(typed.keySet());
        String path = paths.get(random.nextInt(paths.size()));
        Expected expected = typed.get(path);
        JsonNode wrong = YAML.readTree(expected.wrong.get(random.nextInt(expected.wrong.size())));
        int dot = lastDot(root, path);
        ObjectNode parent = (ObjectNode) at(root, path.substring(0, Math.max(dot, 0)));
        parent.set(dot < 0 ? path : path.substring(dot + 1), wrong);
        return YAML.writeValueAsBytes(root);
    }

    /** The serialized tree of the valid file, unchanged: what {@link #swapType} mutates, valid by itself. */
    static byte[] reserialized(byte[] valid) {
        return YAML.writeValueAsBytes(YAML.readTree(valid));
    }

    /** A key line repeated, with another value, right after its block: one mapping with the key twice. */
    static byte[] duplicateKey(byte[] valid, Random random) {
        List<String> lines = lines(valid);
        List<Integer> keys = keyLines(lines, false);
        int line = keys.get(random.nextInt(keys.size()));
        Matcher key = KEY_LINE.matcher(lines.get(line));
        key.matches();
        int indent = key.group(1).length();
        int end = line + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indentOf(lines.get(end)) > indent)) {
            end++;
        }
        lines.add(end, key.group(1) + key.group(2) + ": " + (random.nextBoolean() ? "1" : "again"));
        return join(lines);
    }

    /**
     * A value given an anchor and a later value replaced by an alias of it; where no later value exists, an alias of an
     * anchor that does not exist. The reader refuses aliases, and YAML refuses undefined ones.
     */
    static byte[] alias(byte[] valid, Random random) {
        List<String> lines = lines(valid);
        List<Integer> values = keyLines(lines, true);
        int anchored = values.get(random.nextInt(values.size()));
        List<Integer> later = values.stream().filter(line -> line > anchored).toList();
        if (later.isEmpty()) {
            lines.set(anchored, withValue(lines.get(anchored), "*nowhere"));
        } else {
            Matcher value = KEY_LINE.matcher(lines.get(anchored));
            value.matches();
            lines.set(anchored, withValue(lines.get(anchored), "&fz " + value.group(3)));
            int aliased = later.get(random.nextInt(later.size()));
            lines.set(aliased, withValue(lines.get(aliased), "*fz"));
        }
        return join(lines);
    }

    /**
     * Random bytes inserted at a random offset, among them one that UTF-8 never has (0xC0, 0xC1, 0xF5 to 0xFF), or a
     * control character that YAML allows nowhere in a file (a C0 control but tab, line feed and carriage return; DEL).
     */
    static byte[] randomBytes(byte[] valid, Random random) {
        ByteArrayOutputStream inserted = new ByteArrayOutputStream();
        int count = 1 + random.nextInt(8);
        int special = random.nextInt(count);
        boolean control = random.nextBoolean();
        for (int i = 0; i < count; i++) {
            if (i != special) {
                inserted.write(control ? 0x20 + random.nextInt(0x5F) : random.nextInt(256));
            } else if (control) {
                int[] controls = {0x00, 0x01, 0x02, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F};
                inserted.write(controls[random.nextInt(controls.length)]);
            } else {
                int[] never = {0xC0, 0xC1, 0xF5, 0xF8, 0xFA, 0xFC, 0xFE, 0xFF};
                inserted.write(never[random.nextInt(never.length)]);
            }
        }
        int at = random.nextInt(valid.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, at);
        out.writeBytes(inserted.toByteArray());
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    /** A value replaced by a structure nested deeper than {@link #NESTING_LIMIT}, in flow or block style. */
    static byte[] deepNesting(byte[] valid, Random random) {
        List<String> lines = lines(valid);
        List<Integer> values = keyLines(lines, true);
        int line = values.get(random.nextInt(values.size()));
        int depth = NESTING_LIMIT + 1 + random.nextInt(500);
        switch (random.nextInt(4)) {
            case 0 -> lines.set(line, withValue(lines.get(line), "[".repeat(depth) + "]".repeat(depth)));
            case 1 -> lines.set(line, withValue(lines.get(line), "{a: ".repeat(depth) + "1" + "}".repeat(depth)));
            case 2 -> lines.set(line, withValue(lines.get(line), "[".repeat(depth)));
            default -> {
                String indent = " ".repeat(indentOf(lines.get(line)));
                lines.set(line, withValue(lines.get(line), "").stripTrailing());
                List<String> block = new ArrayList<>();
                for (int level = 1; level <= depth; level++) {
                    block.add(indent + "  ".repeat(level) + (level == depth ? "n: 1" : "n:"));
                }
                lines.addAll(line + 1, block);
            }
        }
        return join(lines);
    }

    private static List<String> lines(byte[] valid) {
        return new ArrayList<>(List.of(new String(valid, StandardCharsets.UTF_8).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The lines that are keys of block mappings, outside block scalars' text; with {@code inlineValue}, only those
     * whose value is on the line itself.
     */
    private static List<Integer> keyLines(List<String> lines, boolean inlineValue) {
        List<Integer> keys = new ArrayList<>();
        int blockScalarIndent = -1; // the indentation of the key whose block scalar is being read, or -1
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (blockScalarIndent >= 0 && (line.isBlank() || indentOf(line) > blockScalarIndent)) {
                continue;
            }
            blockScalarIndent = -1;
            Matcher key = KEY_LINE.matcher(line);
            if (!key.matches()) {
                continue;
            }
            String value = key.group(3);
            if (value != null && value.matches("[|>][-+0-9]*")) {
                blockScalarIndent = key.group(1).length();
                continue;
            }
            if (!inlineValue || value != null && !value.isBlank() && !value.startsWith("#")) {
                keys.add(i);
            }
        }
        return keys;
    }

    private static String withValue(String line, String value) {
        Matcher key = KEY_LINE.matcher(line);
        key.matches();
        return key.group(1) + key.group(2) + ": " + value;
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** The node at a dotted path whose segments are keys; a key with dots in it is matched whole. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        String rest = path;
        while (!rest.isEmpty()) {
            String segment = firstSegment(node, rest);
            node = node.get(segment);
            rest = rest.length() == segment.length() ? "" : rest.substring(segment.length() + 1);
        }
        return node;
    }

    /** Where the last segment of {@code path} starts, less one; -1 where the path is one key. */
    private static int lastDot(JsonNode root, String path) {
        JsonNode node = root;
        String rest = path;
        int consumed = 0;
        int last = -1;
        while (true) {
            String segment = firstSegment(node, rest);
            if (segment.length() == rest.length()) {
                return last;
            }
            node = node.get(segment);
            consumed += segment.length() + 1;
            last = consumed - 1;
            rest = rest.substring(segment.length() + 1);
        }
    }

    /** The key of {@code node} that {@code path} starts with, the longest where keys have dots in them. */
    private static String firstSegment(JsonNode node, String path) {
        String best = null;
        for (String key : node.propertyNames()) {
            if ((path.equals(key) || path.startsWith(key + ".")) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no key of " + path + " in " + node);
        }
        return best;
    }
}
