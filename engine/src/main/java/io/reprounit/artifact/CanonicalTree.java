package io.reprounit.artifact;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical encoding read back into a tree, so that normalizers can work on any output — also on what a
 * {@link Materializer} wrote — and written out again exactly as {@link CanonicalWriter} writes it. Scalars keep their
 * encoded text: a tree written unchanged gives back the very bytes it was read from.
 */
final class CanonicalTree {

    sealed interface Node permits ObjectNode, ArrayNode, Scalar {}

    /** Members keep their quoted names, as written, so that writing them again changes nothing. */
    record ObjectNode(List<Member> members) implements Node {}

    static final class Member {
        final String quotedName;
        Node value;

        Member(String quotedName, Node value) {
            this.quotedName = quotedName;
            this.value = value;
        }

        String name() {
            return unquoted(quotedName);
        }
    }

    record ArrayNode(List<Node> elements) implements Node {}

    /** A string (quoted), a number, {@code true}, {@code false} or {@code null}, as encoded. */
    record Scalar(String text) implements Node {

        /** A number written with a fraction or an exponent, or NaN or an infinity: what floating point values give. */
        boolean isFloatingPoint() {
            if (text.isEmpty() || text.charAt(0) == '"' || text.equals("null") || text.equals("true")
                    || text.equals("false")) {
                return false;
            }
            return text.indexOf('.') >= 0 || text.indexOf('E') >= 0 || text.indexOf('e') >= 0 || text.equals("NaN")
                    || text.endsWith("Infinity");
        }
    }

    private final String text;
    private int position;

    private CanonicalTree(String text) {
        this.text = text;
    }

    static Node parse(String encoded) {
        CanonicalTree reader = new CanonicalTree(encoded);
        Node node = reader.value();
        reader.skipSpace();
        if (reader.position != encoded.length()) {
            throw reader.malformed("text after the value");
        }
        return node;
    }

    static String write(Node node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.toString();
    }

    private static void write(Node node, int depth, StringBuilder out) {
        if (node instanceof Scalar scalar) {
            out.append(scalar.text());
        } else if (node instanceof ObjectNode object) {
            out.append('{');
            for (int i = 0; i < object.members().size(); i++) {
                Member member = object.members().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1)).append(member.quotedName).append(": ");
                write(member.value, depth + 1, out);
            }
            close(object.members().isEmpty(), depth, '}', out);
        } else {
            ArrayNode array = (ArrayNode) node;
            out.append('[');
            for (int i = 0; i < array.elements().size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
                write(array.elements().get(i), depth + 1, out);
            }
            close(array.elements().isEmpty(), depth, ']', out);
        }
    }

    private static void close(boolean empty, int depth, char bracket, StringBuilder out) {
        if (!empty) {
            out.append('\n').append("  ".repeat(depth));
        }
        out.append(bracket);
    }

    private Node value() {
        skipSpace();
        if (position >= text.length()) {
            throw malformed("a value");
        }
        char c = text.charAt(position);
        if (c == '{') {
            position++;
            List<Member> members = new ArrayList<>();
            if (!closes('}')) {
                do {
                    skipSpace();
                    String name = quotedString();
                    skipSpace();
                    expect(':');
                    members.add(new Member(name, value()));
                } while (continues('}'));
            }
            return new ObjectNode(members);
        }
        if (c == '[') {
            position++;
            List<Node> elements = new ArrayList<>();
            if (!closes(']')) {
                do {
                    elements.add(value());
                } while (continues(']'));
            }
            return new ArrayNode(elements);
        }
        if (c == '"') {
            return new Scalar(quotedString());
        }
        int start = position;
        while (position < text.length() && ",]}\n ".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return new Scalar(text.substring(start, position));
    }

    /** Whether the container closes right away, consuming the bracket if so. */
    private boolean closes(char bracket) {
        skipSpace();
        if (position < text.length() && text.charAt(position) == bracket) {
            position++;
            return true;
        }
        return false;
    }

    /** After an element: true on a comma, false on the closing bracket. */
    private boolean continues(char bracket) {
        skipSpace();
        if (position < text.length() && text.charAt(position) == ',') {
            position++;
            return true;
        }
        expect(bracket);
        return false;
    }

    private String quotedString() {
        if (position >= text.length() || text.charAt(position) != '"') {
            throw malformed("a quoted string");
        }
        int start = position++;
        while (position < text.length() && text.charAt(position) != '"') {
            position += text.charAt(position) == '\\' ? 2 : 1;
        }
        if (position >= text.length()) {
            throw malformed("the end of a string");
        }
        position++;
        return text.substring(start, position);
    }

    private void expect(char c) {
        if (position >= text.length() || text.charAt(position) != c) {
            throw malformed("'" + c + "'");
        }
        position++;
    }

    private void skipSpace() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\n')) {
            position++;
        }
    }

    private IllegalStateException malformed(String expected) {
        return new IllegalStateException("Not a canonical encoding: expected " + expected + " at offset " + position);
    }

    /** The text of a quoted string, its escapes resolved. */
    static String unquoted(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = quoted.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
