package io.reprounit.compare;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.CanonicalText;
import io.reprounit.artifact.FirstDifference;
import io.reprounit.artifact.HexDump;
import io.reprounit.compare.StepVerdict.Rendering;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Readable renderings of two outputs that differ, for an IDE's diff view, and where they first differ, for a console
 * that shows only the message: structured values as the text of their canonical form, text as it is, bytes as a hex
 * dump; long ones cut to a window of lines around the first difference. The first difference of structured values is
 * found on their binary forms, streamed from memory or the artifact store, and only the lines shown are formatted.
 */
@API(status = INTERNAL, since = "0.1")
public final class Renderings {

    /** Characters shown of each side at most; outputs up to this size are shown whole. */
    static final int LIMIT = 4_000;
    private static final int CONTEXT_BEFORE = 1_000;
    /** Lines shown before the first difference of a structured value or of bytes. */
    static final int LINES_BEFORE = 30;

    /** Both renderings, and the first difference in one line. */
    public record Compared(Rendering expected, Rendering actual, String firstDifference) {}

    private Renderings() {}

    /** Both renderings and the first difference, from one walk over the outputs. */
    public static Compared compare(Artifact expected, Artifact actual) {
        if (expected.isCanonicalForm() && actual.isCanonicalForm()) {
            return structured(expected, actual);
        }
        if (!expected.isText() && !actual.isText()) {
            return bytes(expected, actual);
        }
        return text(expected, actual);
    }

    private static Compared structured(Artifact expected, Artifact actual) {
        Optional<FirstDifference> difference;
        try (InputStream left = stream(expected); InputStream right = stream(actual)) {
            difference = FirstDifference.find(left, right);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the outputs to compare", e);
        }
        long line = difference.map(FirstDifference::line).orElse(1L);
        long from = Math.max(1, line - LINES_BEFORE);
        return new Compared(window(expected, from), window(actual, from),
                difference.map(FirstDifference::message).orElse(pastKept()));
    }

    private static Rendering window(Artifact artifact, long from) {
        try (InputStream in = stream(artifact)) {
            String shown = CanonicalText.lines(in, from, Long.MAX_VALUE, LIMIT).marked();
            return new Rendering(shown + keptNote(artifact), artifact.digest(), artifact.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read output " + artifact.digest(), e);
        }
    }

    /** The whole compared form where it can be read, else the first bytes kept in memory. */
    private static InputStream stream(Artifact artifact) {
        return artifact.open().orElseGet(() -> new ByteArrayInputStream(artifact.bytes()));
    }

    private static String keptNote(Artifact artifact) {
        if (artifact.isComplete() || artifact.kept().store() != null) {
            return "";
        }
        return "\n[… the output has " + artifact.size() + " bytes; only the first " + Math.min(artifact.size(),
                artifact.bytes().length) + " were kept]";
    }

    private static String pastKept() {
        return "they differ only in bytes past the part kept in memory";
    }

    /** Bytes: the first differing byte, and lines of 16 bytes around it. */
    private static Compared bytes(Artifact expected, Artifact actual) {
        byte[] left = expected.bytes();
        byte[] right = actual.bytes();
        int at = Arrays.mismatch(left, right);
        if (at < 0 || at >= Math.min(left.length, right.length) && (!expected.isComplete() || !actual.isComplete())) {
            at = Math.min(left.length, right.length);
            return new Compared(hex(expected, left, at), hex(actual, right, at), pastKept());
        }
        String message = "first difference at byte " + at + " (line " + (at / HexDump.WIDTH + 1) + "): "
                + hexByte(left, at) + " → " + hexByte(right, at);
        return new Compared(hex(expected, left, at), hex(actual, right, at), message);
    }

    private static Rendering hex(Artifact artifact, byte[] bytes, int at) {
        int lines = LIMIT / 50;
        int firstLine = Math.max(0, at / HexDump.WIDTH - LINES_BEFORE);
        int from = firstLine * HexDump.WIDTH;
        int to = (int) Math.min(bytes.length, (long) from + (long) lines * HexDump.WIDTH);
        int totalLines = (bytes.length + HexDump.WIDTH - 1) / HexDump.WIDTH;
        int after = totalLines - (to + HexDump.WIDTH - 1) / HexDump.WIDTH;
        String shown = (firstLine > 0 ? "[… " + firstLine + " lines before]\n" : "") + HexDump.lines(bytes, from, to)
                + (after > 0 ? "[… " + after + " lines after]" : "");
        return new Rendering(shown + keptNote(artifact), artifact.digest(), artifact.size());
    }

    private static String hexByte(byte[] bytes, int at) {
        return at < bytes.length ? String.format(java.util.Locale.ROOT, "0x%02x", bytes[at]) : "(no byte)";
    }

    /** Text, and outputs of different kinds: their contents, cut around the first differing character. */
    private static Compared text(Artifact expected, Artifact actual) {
        String left = expected.content();
        String right = actual.content();
        int first = firstDifference(left, right);
        return new Compared(render(expected, left, first), render(actual, right, first), firstDifferingLine(left, right));
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
        if (!artifact.isCanonicalForm()) {
            shown += keptNote(artifact);
        }
        return new Rendering(shown, artifact.digest(), artifact.size());
    }

    private static String firstDifferingLine(String leftText, String rightText) {
        String[] left = leftText.split("\n", -1);
        String[] right = rightText.split("\n", -1);
        for (int line = 0; line < Math.max(left.length, right.length); line++) {
            String was = line < left.length ? left[line] : "(no line)";
            String now = line < right.length ? right[line] : "(no line)";
            if (!was.equals(now)) {
                return "first difference at line " + (line + 1) + ": " + shorten(was.strip()) + " → " + shorten(now.strip());
            }
        }
        return pastKept();
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
