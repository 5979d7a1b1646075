package io.reprounit.artifact;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a step's output, as normalizers name them: member names separated by dots, {@code []} for every element
 * of a list or array, {@code *} for every member of an object or map, such as {@code rows[].loadedAt}. The empty path
 * is the output itself.
 */
final class OutputPath {

    /** One step down the output: a member by name, any member, or any element. */
    sealed interface Segment permits Member, AnyMember, AnyElement {}

    record Member(String name) implements Segment {}

    record AnyMember() implements Segment {}

    record AnyElement() implements Segment {}

    private final String text;
    private final List<Segment> segments;

    private OutputPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** Reads a path, or throws an {@link IllegalArgumentException} that says what is wrong with it. */
    static OutputPath parse(String text) {
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                String inside = close < 0 ? null : text.substring(i + 1, close).strip();
                if (inside == null || !(inside.isEmpty() || inside.equals("*"))) {
                    throw new IllegalArgumentException("'" + text + "' is not a path: write [] for every element of a"
                            + " list; a single index cannot be named, since normalizers apply to every run alike");
                }
                segments.add(new AnyElement());
                i = close + 1;
                if (i < text.length() && text.charAt(i) == '.') {
                    i++;
                    if (i == text.length()) {
                        throw new IllegalArgumentException("'" + text + "' is not a path: it ends with a dot");
                    }
                }
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                end++;
            }
            String name = text.substring(i, end).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not a path: it has an empty member name at"
                        + " position " + (i + 1));
            }
            segments.add(name.equals("*") ? new AnyMember() : new Member(name));
            i = end;
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                if (i == text.length()) {
                    throw new IllegalArgumentException("'" + text + "' is not a path: it ends with a dot");
                }
            }
        }
        return new OutputPath(text, segments);
    }

    List<Segment> segments() {
        return segments;
    }

    boolean isOutputItself() {
        return segments.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputPath that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
