package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lays the canonical form out as the text people read, token by token, numbering its lines: indented two spaces, one
 * element per line, {@code "name": value}. Only the lines of a window are formatted; the others are counted, packed
 * arrays by arithmetic (one line per element), so that finding line 12,345,680 of a 128 MB output costs no formatting.
 * A map whose first key is a scalar is shown as an object named by its keys; other maps as a list of
 * {@code {"key": …, "value": …}} (a structured key in a map shown as an object becomes a member {@code "[i]"} holding
 * such a pair: keys sort scalars first, so this is rare).
 */
final class TextLines {

    private static final int CHUNK = 1024;

    private enum Form { LIST, OBJECT, MAP, MAP_OBJECT, MAP_LIST }

    private static final class Frame {
        Form form;
        /** The indentation of the lines of its elements. */
        final int indent;
        long count;
        boolean atValue;
        boolean entryOpen;

        Frame(Form form, int indent) {
            this.form = form;
            this.indent = indent;
        }
    }

    private final @Nullable StringBuilder out;
    private final long from;
    private long to;
    private final int maxChars;
    private final List<Frame> frames = new ArrayList<>();
    private long line;
    private long tokenLine;
    private long lastShown;
    private boolean cut;
    private int valueIndent;

    private TextLines(@Nullable StringBuilder out, long from, long to, int maxChars) {
        this.out = out;
        this.from = from;
        this.to = to;
        this.maxChars = maxChars;
    }

    /** Counts lines and formats nothing; the caller may read the elements of packed arrays itself. */
    static TextLines counting() {
        return new TextLines(null, 1, 0, 0);
    }

    /** Formats lines {@code [from, to)}, numbered from 1, up to about {@code maxChars} characters. */
    static TextLines window(long from, long to, int maxChars) {
        return new TextLines(new StringBuilder(), Math.max(1, from), to, maxChars);
    }

    /** Lines begun so far: the number of the last one. */
    long line() {
        return line;
    }

    /** The line of the last token taken: where a value, a name or a closing bracket stands. */
    long tokenLine() {
        return tokenLine;
    }

    /** The last line formatted, 0 where none was. */
    long lastShown() {
        return lastShown;
    }

    /** Whether the character budget ended the window before its last line. */
    boolean cut() {
        return cut;
    }

    /** Whether no later line can be in the window. */
    boolean pastWindow() {
        return line >= to;
    }

    String text() {
        return out == null ? "" : out.toString();
    }

    /** Takes the reader's current token. A packed array's elements are read where shown, skipped where not. */
    void accept(CanonicalReader reader) {
        Kind kind = java.util.Objects.requireNonNull(reader.kind());
        switch (kind) {
            case EOF -> { }
            case NAME -> {
                Frame object = top();
                separate(object);
                object.count++;
                beginLine(object.indent, inWindow(line + 1) ? quoted(reader.string()) + ": " : "");
                tokenLine = line;
            }
            case END -> close();
            default -> value(reader, kind);
        }
    }

    private void value(CanonicalReader reader, Kind kind) {
        if (place(reader, kind)) {
            tokenLine = line;
            valueDone();
            return;
        }
        tokenLine = line;
        switch (kind) {
            case ARRAY, SET -> open(Form.LIST, "[");
            case OBJECT -> open(Form.OBJECT, "{");
            case MAP -> open(Form.MAP, "");
            case REF -> {
                append("{");
                beginLine(valueIndent + 1, inWindow(line + 1) ? "\"$ref\": " + quoted(reader.refTarget()) : "");
                beginLine(valueIndent, "}");
                valueDone();
            }
            case BYTES -> {
                if (inWindow() && out != null) {
                    long budget = Math.max(0, maxChars - out.length()) * 3L / 4 + 3;
                    byte[] shown = new byte[(int) Math.min(reader.remaining(), budget)];
                    reader.readBytes(shown, 0, shown.length);
                    append("\"base64:" + Base64.getEncoder().encodeToString(shown)
                            + (reader.remaining() > 0 ? "…" : "") + "\"");
                }
                valueDone();
            }
            case F64S, F32S, INTS -> packed(reader, kind);
            default -> {
                if (inWindow()) {
                    append(kind == Kind.STRING ? quoted(reader.string()) : reader.literal());
                }
                valueDone();
            }
        }
    }

    /** Starts the value's line; true where the value is a map key shown as a member name, and so is taken. */
    private boolean place(CanonicalReader reader, Kind kind) {
        if (frames.isEmpty()) {
            beginLine(0, "");
            valueIndent = 0;
            return false;
        }
        Frame parent = top();
        switch (parent.form) {
            case OBJECT -> valueIndent = parent.indent;
            case LIST -> {
                separate(parent);
                parent.count++;
                beginLine(parent.indent, "");
                valueIndent = parent.indent;
            }
            default -> {
                if (parent.atValue) {
                    if (parent.entryOpen) {
                        comma();
                        beginLine(parent.indent + 1, "\"value\": ");
                        valueIndent = parent.indent + 1;
                    } else {
                        valueIndent = parent.indent;
                    }
                    return false;
                }
                boolean named = kind.isScalar() && kind != Kind.REF;
                if (parent.form == Form.MAP) {
                    parent.form = named ? Form.MAP_OBJECT : Form.MAP_LIST;
                    append(named ? "{" : "[");
                }
                separate(parent);
                if (parent.form == Form.MAP_OBJECT && named) {
                    parent.count++;
                    boolean shown = inWindow(line + 1);
                    beginLine(parent.indent, shown ? quoted(kind == Kind.STRING ? reader.string() : reader.literal())
                            + ": " : "");
                    return true;
                }
                beginLine(parent.indent, parent.form == Form.MAP_OBJECT ? "\"[" + parent.count + "]\": {" : "{");
                parent.count++;
                parent.entryOpen = true;
                beginLine(parent.indent + 1, "\"key\": ");
                valueIndent = parent.indent + 1;
            }
        }
        return false;
    }

    private void open(Form form, String bracket) {
        append(bracket);
        frames.add(new Frame(form, valueIndent + 1));
    }

    private void close() {
        Frame frame = frames.remove(frames.size() - 1);
        String bracket = switch (frame.form) {
            case LIST, MAP_LIST -> "]";
            case MAP -> "{}";
            default -> "}";
        };
        if (frame.count > 0) {
            beginLine(frame.indent - 1, bracket);
        } else {
            append(bracket);
        }
        tokenLine = line;
        valueDone();
    }

    /** One line per element: those in the window formatted, the others skipped and counted. */
    private void packed(CanonicalReader reader, Kind kind) {
        long count = reader.count();
        append("[");
        long index = count - reader.remaining();
        line += index;
        if (out != null) {
            long before = Math.min(reader.remaining(), Math.max(0, from - (line + 1)));
            reader.skip(before);
            line += before;
            index += before;
            long[] longs = new long[CHUNK];
            int[] ints = new int[CHUNK];
            while (reader.remaining() > 0 && inWindow(line + 1)) {
                int chunk = (int) Math.min(CHUNK, Math.min(reader.remaining(), to - (line + 1)));
                if (kind == Kind.F32S) {
                    reader.readInts(ints, 0, chunk);
                } else {
                    reader.readLongs(longs, 0, chunk);
                }
                for (int i = 0; i < chunk; i++, index++) {
                    if (index > 0) {
                        comma();
                    }
                    beginLine(valueIndent + 1, "");
                    append(switch (kind) {
                        case F64S -> Double.toString(Double.longBitsToDouble(longs[i]));
                        case F32S -> Float.toString(Float.intBitsToFloat(ints[i]));
                        default -> Long.toString(longs[i]);
                    });
                }
            }
            if (reader.remaining() > 0 && index > 0) {
                comma();
            }
        }
        line += count - index;
        if (count > 0) {
            beginLine(valueIndent, "]");
        } else {
            append("]");
        }
        valueDone();
    }

    /** A value is complete: a map moves on from key to value, or closes the pair it shows an entry as. */
    private void valueDone() {
        if (frames.isEmpty()) {
            return;
        }
        Frame parent = top();
        if (parent.form == Form.MAP_OBJECT || parent.form == Form.MAP_LIST) {
            if (!parent.atValue) {
                parent.atValue = true;
            } else {
                parent.atValue = false;
                if (parent.entryOpen) {
                    parent.entryOpen = false;
                    beginLine(parent.indent, "}");
                }
            }
        }
    }

    private void separate(Frame frame) {
        if (frame.count > 0) {
            comma();
        }
    }

    private void comma() {
        append(",");
    }

    private void beginLine(int indent, String prefix) {
        line++;
        if (!inWindow() || out == null) {
            return;
        }
        if (out.length() >= maxChars) {
            cut = true;
            to = line;
            return;
        }
        if (lastShown > 0) {
            out.append('\n');
        }
        out.append("  ".repeat(indent)).append(prefix);
        lastShown = line;
    }

    private void append(String text) {
        if (out == null || !inWindow()) {
            return;
        }
        long room = (long) maxChars - out.length();
        if (text.length() > room + 200) {
            out.append(text, 0, (int) Math.max(0, room)).append('…');
            cut = true;
            to = line + 1;
        } else {
            out.append(text);
        }
    }

    private boolean inWindow() {
        return inWindow(line);
    }

    private boolean inWindow(long number) {
        return number >= from && number < to;
    }

    private Frame top() {
        return frames.get(frames.size() - 1);
    }

    /** A string as the canonical text quotes it: JSON's escapes for quotes, backslashes and control characters. */
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
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        quoted.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) { // half of a pair, alone: shown, not sent to a terminal
                        quoted.append("\\u").append(Integer.toHexString(c));
                    } else if (c < 0x20) {
                        quoted.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
