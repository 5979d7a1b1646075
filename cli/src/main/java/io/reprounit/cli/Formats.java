package io.reprounit.cli;

import io.reprounit.artifact.Digests;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * How values look in a table: short digests and commits, times to the second in the local time zone, and stored text
 * with every character that could steer a terminal escaped.
 */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Formats() {}

    /**
     * {@code text} safe to print to a terminal: control characters (C0, DEL, C1) and the bidirectional marks,
     * embeddings, overrides and isolates are written as escapes (<code>\e</code>, <code>\t</code>,
     * <code>&#92;u202E</code>), since a stored name is whatever a test wrote and must not move the cursor, recolour the
     * screen or reverse the text around it.
     */
    static String text(String text) {
        return escape(text, false);
    }

    /** {@link #text} that leaves tabs as they are: for whole lines of an output, whose columns they may align. */
    static String textKeepingTabs(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepTabs) {
        @Nullable StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!steersTerminal(c) || (keepTabs && c == '\t')) {
                if (escaped != null) {
                    escaped.append(c);
                }
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\u001b' -> escaped.append("\\e");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean steersTerminal(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1
                || c == '\u200E' || c == '\u200F' || c == '\u061C' // left-to-right, right-to-left, Arabic letter mark
                || (c >= '\u202A' && c <= '\u202E') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069'); // isolates
    }

    static String time(@Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String digest(@Nullable String digest) {
        return digest == null ? "-" : Digests.shortForm(digest);
    }

    /** The first 10 characters of a commit id, keeping its {@code -dirty} mark. */
    static String commit(@Nullable String commit) {
        if (commit == null) {
            return "-";
        }
        boolean dirty = commit.endsWith("-dirty");
        String id = dirty ? commit.substring(0, commit.length() - "-dirty".length()) : commit;
        return (id.length() > 10 && id.matches("[0-9a-f]+") ? id.substring(0, 10) : id) + (dirty ? "-dirty" : "");
    }
}
