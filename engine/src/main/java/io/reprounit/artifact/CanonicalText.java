package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.apiguardian.api.API;

/**
 * The canonical binary form as text for people: previews, failure messages, received files. Rendered lazily and only
 * as far as it is shown: whole for small values, up to a number of characters, or as a window of lines around a
 * difference. Numbers by {@code Double.toString} and {@code Float.toString}, which read back as the same value (never
 * a {@code BigDecimal} per number).
 */
@API(status = INTERNAL, since = "0.1")
public final class CanonicalText {

    /** A window of the text: its lines, and how many lines of the whole text come before and after them. */
    public record Window(String text, long before, long after, boolean endsEarly) {

        /** The window with {@code [… N lines before]} and {@code [… N lines after]} where lines were left out. */
        public String marked() {
            return (before > 0 ? "[… " + before + " lines before]\n" : "") + text
                    + (after > 0 ? "\n[… " + after + " lines after]" : "");
        }
    }

    /** Characters that {@link Artifact#content()} shows at most. */
    public static final int CONTENT_LIMIT = 1_000_000;

    private CanonicalText() {}

    /** The whole text of a small value's canonical form. */
    public static String render(byte[] canonical) {
        return lines(new ByteArrayInputStream(canonical), 1, Long.MAX_VALUE, Integer.MAX_VALUE).text();
    }

    /**
     * The text up to about {@code maxChars} characters; where it is longer, cut at a line's end and followed by a line
     * {@code [… N more lines]}. A stream that ends inside the value (the kept first bytes of a large output) is shown
     * as far as it goes.
     */
    public static String render(InputStream canonical, int maxChars) {
        Window window = lines(canonical, 1, Long.MAX_VALUE, maxChars);
        return window.text() + (window.after() > 0 ? "\n[… " + window.after() + " more lines]" : "");
    }

    /**
     * Lines {@code [from, to)} of the text, numbered from 1, at most about {@code maxChars} characters of them; the
     * lines before are counted, not formatted, and so are the lines after, to say how many there are.
     */
    public static Window lines(InputStream canonical, long from, long to, int maxChars) {
        return lines(canonical, from, to, maxChars, true);
    }

    /**
     * The first {@code maxChars} characters of the text, followed by {@code …} where there is more: read no further
     * than that, as a preview needs.
     */
    public static String head(InputStream canonical, int maxChars) {
        Window window = lines(canonical, 1, Long.MAX_VALUE, maxChars, false);
        String text = window.text();
        boolean more = window.after() > 0 || window.endsEarly() || text.length() > maxChars;
        return more ? text.substring(0, Math.min(maxChars, text.length())) + "…" : text;
    }

    private static Window lines(InputStream canonical, long from, long to, int maxChars, boolean countAfter) {
        CanonicalReader reader = new CanonicalReader(canonical);
        TextLines lines = TextLines.window(from, to, maxChars);
        boolean endsEarly = false;
        try {
            while (reader.next() != CanonicalReader.Kind.EOF) {
                lines.accept(reader);
                if (!countAfter && lines.cut()) {
                    return new Window(lines.text(), 0, 1, false);
                }
            }
        } catch (MalformedCanonicalFormException e) {
            if (!e.endOfStream()) {
                throw e;
            }
            endsEarly = true;
        }
        long shown = lines.lastShown();
        long before = shown == 0 ? Math.min(from - 1, lines.line()) : Math.max(0, from - 1);
        return new Window(lines.text(), before, shown == 0 ? 0 : lines.line() - shown, endsEarly);
    }
}
