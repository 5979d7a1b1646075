package io.reprounit.compare;

import io.reprounit.artifact.Artifact;
import io.reprounit.compare.StepVerdict.Rendering;

/**
 * Readable renderings of two outputs that differ, for an IDE's diff view: text as it is, structured values in their
 * canonical encoding, bytes as a hex dump; long ones cut to a window of lines around the first difference, so that the
 * difference is on screen and a failure report stays small.
 */
public final class Renderings {

    /** Characters shown of each side at most; outputs up to this size are shown whole. */
    static final int LIMIT = 4_000;
    private static final int CONTEXT_BEFORE = 1_000;

    private Renderings() {}

    /** Both outputs, each cut to the same window around their first difference. */
    public static Rendering[] of(Artifact expected, Artifact actual) {
        String left = expected.content();
        String right = actual.content();
        int first = firstDifference(left, right);
        return new Rendering[] {render(expected, left, first), render(actual, right, first)};
    }

    private static Rendering render(Artifact artifact, String content, int firstDifference) {
        String shown = content;
        if (content.length() > LIMIT) {
            int from = Math.max(0, content.lastIndexOf('\n', Math.max(0, firstDifference - CONTEXT_BEFORE)) + 1);
            if (firstDifference - CONTEXT_BEFORE <= 0) {
                from = 0;
            }
            int to = Math.min(content.length(), from + LIMIT);
            int lineEnd = content.lastIndexOf('\n', to);
            if (lineEnd > firstDifference) {
                to = lineEnd;
            }
            shown = (from > 0 ? "[… " + from + " characters before]\n" : "") + content.substring(from, to)
                    + (to < content.length() ? "\n[… " + (content.length() - to) + " characters after]" : "");
        }
        if (!artifact.isComplete()) {
            shown += "\n[… the output has " + artifact.size() + " bytes; only the first " + artifact.bytes().length
                    + " were kept]";
        }
        return new Rendering(shown, artifact.digest(), artifact.size());
    }

    /**
     * Where two outputs first differ, as one line for a console that shows only the message, such as Maven's:
     * {@code first difference at line 3: "b", → "c",}.
     */
    public static String firstDifferingLine(Artifact expected, Artifact actual) {
        String[] left = expected.content().split("\n", -1);
        String[] right = actual.content().split("\n", -1);
        for (int line = 0; line < Math.max(left.length, right.length); line++) {
            String was = line < left.length ? left[line] : "(no line)";
            String now = line < right.length ? right[line] : "(no line)";
            if (!was.equals(now)) {
                return "first difference at line " + (line + 1) + ": " + shorten(was.strip()) + " → " + shorten(now.strip());
            }
        }
        return "they differ only in bytes past the part kept in memory";
    }

    private static String shorten(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "…";
    }

    static int firstDifference(String left, String right) {
        int length = Math.min(left.length(), right.length());
        for (int i = 0; i < length; i++) {
            if (left.charAt(i) != right.charAt(i)) {
                return i;
            }
        }
        return length;
    }
}
