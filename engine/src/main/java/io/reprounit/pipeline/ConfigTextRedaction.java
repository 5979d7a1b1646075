package io.reprounit.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts the text of a YAML configuration line by line, without parsing it: a configuration that cannot be parsed is
 * recorded too (its error names a line), and must not leak either. The value of a key that looks secret is replaced,
 * with every line nested under it (a mapping, a block scalar, a continued scalar); a secret-named key inside a flow
 * mapping ({@code {user: a, password: b}}) likewise; a commented-out one too; every other line keeps all but the
 * passwords {@link Secrets#redact} finds in it. Lines are never added or removed.
 */
final class ConfigTextRedaction {

    /** Indentation, list dashes or a comment's {@code #}, then a plain or quoted key and its colon. */
    private static final Pattern KEY_LINE = Pattern.compile(
            "^(\\s*(?:#\\s*)?(?:-\\s+)*)(\"[^\"]*\"|'[^']*'|[^\\s#'\"{}\\[\\],&*!|>%@`][^:#]*?)(\\s*):(?=\\s|$)(.*)$");
    /** A key inside a flow mapping and its value, up to the next comma or closing brace. */
    private static final Pattern FLOW_PAIR = Pattern.compile(
            "([{,]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s\"',{}:\\[\\]]+)(\\s*:\\s*)(\"[^\"]*\"|'[^']*'|[^,}\\]]*)");

    private static final Pattern SEQUENCE_ENTRY = Pattern.compile("\\s*-(\\s|$)");

    private ConfigTextRedaction() {}

    static String redact(String yaml) {
        String[] lines = yaml.split("\n", -1);
        StringBuilder out = new StringBuilder(yaml.length());
        int secretIndent = -1; // lines indented more than this belong to a secret's value
        boolean secretSequence = false; // and so do entries "- …" as indented as its key, where it has no inline value
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String end = line.endsWith("\r") ? "\r" : "";
            String content = end.isEmpty() ? line : line.substring(0, line.length() - 1);
            int indent = indentOf(content);
            String redacted;
            if (secretIndent >= 0 && (content.isBlank() || indent > secretIndent
                    || secretSequence && indent == secretIndent && content.startsWith("-", indent))) {
                redacted = content.isBlank() ? content : content.substring(0, indent)
                        + (SEQUENCE_ENTRY.matcher(content).lookingAt() ? "- " : "") + Secrets.REDACTED;
            } else {
                secretIndent = -1;
                Matcher key = KEY_LINE.matcher(content);
                if (key.matches() && Secrets.looksSecret(unquoted(key.group(2)))) {
                    boolean comment = key.group(1).contains("#");
                    String value = key.group(4).strip();
                    redacted = key.group(1) + key.group(2) + key.group(3) + ":"
                            + (value.isEmpty() || value.startsWith("#") ? "" : " " + Secrets.REDACTED);
                    if (!comment) {
                        secretIndent = key.group(1).length();
                        secretSequence = value.isEmpty() || value.startsWith("#");
                    }
                } else {
                    redacted = Secrets.redact(flowPairs(content));
                }
            }
            out.append(redacted).append(end);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String flowPairs(String line) {
        if (line.indexOf('{') < 0) {
            return line;
        }
        Matcher pair = FLOW_PAIR.matcher(line);
        StringBuilder out = new StringBuilder(line.length());
        while (pair.find()) {
            String replacement = Secrets.looksSecret(unquoted(pair.group(2)))
                    ? pair.group(1) + pair.group(2) + pair.group(3) + Secrets.REDACTED : pair.group();
            pair.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        pair.appendTail(out);
        return out.toString();
    }

    private static int indentOf(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }

    private static String unquoted(String key) {
        boolean quoted = key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"")
                || key.startsWith("'") && key.endsWith("'"));
        return quoted ? key.substring(1, key.length() - 1) : key;
    }
}
