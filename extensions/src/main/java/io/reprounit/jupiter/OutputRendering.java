package io.reprounit.jupiter;

import io.reprounit.artifact.Artifact;

/**
 * Two differing outputs as an IDE's diff view shows them: digest and size, then the content (text as it is, structured
 * values in canonical form, bytes as a hex dump), cut to a window around the first difference where it is long.
 *
 * <p>The engine renders diverged steps the same way in {@code io.reprounit.compare.Renderings}, which is package-private
 * and takes only whole step verdicts; this is the same rule for outputs that are not steps.
 */
final class OutputRendering {

    /** Characters shown of each side at most; outputs up to this size are shown whole. */
    static final int LIMIT = 4_000;
    private static final int CONTEXT_BEFORE = 1_000;

    private OutputRendering() {}

    static String[] of(Artifact expected, Artifact actual) {
        String left = expected.content();
        String right = actual.content();
        int first = firstDifference(left, right);
        return new String[] {render(expected, left, first), render(actual, right, first)};
    }

    private static String render(Artifact artifact, String content, int firstDifference) {
        String shown = content;
        if (content.length() > LIMIT) {
            int from = firstDifference <= CONTEXT_BEFORE ? 0
                    : content.lastIndexOf('\n', firstDifference - CONTEXT_BEFORE) + 1;
            int to = Math.min(content.length(), from + LIMIT);
            shown = (from > 0 ? "[… " + from + " characters before]\n" : "") + content.substring(from, to)
                    + (to < content.length() ? "\n[… " + (content.length() - to) + " characters after]" : "");
        }
        if (!artifact.isComplete()) {
            shown += "\n[… the output has " + artifact.size() + " bytes; only the first " + artifact.bytes().length
                    + " were kept]";
        }
        return artifact.digest() + " (" + artifact.size() + " bytes)\n" + shown;
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
