package io.reprounit.artifact;

import io.reprounit.artifact.OutputPath.AnyElement;
import io.reprounit.artifact.OutputPath.AnyMember;
import io.reprounit.artifact.OutputPath.Member;
import io.reprounit.artifact.OutputPath.Segment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Follows the paths of {@code @IgnoreFields} and {@code @Unordered} down the output as it is written. Each path has one
 * segment per step down, so the paths that reach a value are a bit set (bit {@code i} for path {@code i}) at the value's
 * depth. Counts where each path matched, so that a path that matches nothing fails: a misspelt path would otherwise
 * compare everything silently.
 */
final class PathMatcher {

    /** The most paths one step may name: one bit each. */
    static final int MAX_PATHS = 64;

    private final List<OutputPath> paths = new ArrayList<>();
    private final int ignoredCount;
    private final int[] matches;
    private final List<String> rootMembers = new ArrayList<>();
    private String rootKind = "nothing";

    private PathMatcher(Normalization normalization) {
        paths.addAll(normalization.ignoredFields());
        ignoredCount = paths.size();
        paths.addAll(normalization.unordered());
        if (paths.size() > MAX_PATHS) {
            throw new MaterializationException("A step names " + paths.size() + " paths in @IgnoreFields and @Unordered;"
                    + " at most " + MAX_PATHS + " are supported: name a common parent, or use a * or [] wildcard");
        }
        matches = new int[paths.size()];
    }

    /** A matcher for the normalization's paths, or null where it names none, so that nothing is tracked. */
    static @Nullable PathMatcher of(Normalization normalization) {
        return normalization.ignoredFields().isEmpty() && normalization.unordered().isEmpty() ? null
                : new PathMatcher(normalization);
    }

    /** Every path reaches the output itself. */
    long rootMask() {
        return paths.size() == MAX_PATHS ? -1L : (1L << paths.size()) - 1;
    }

    /**
     * The paths that reach the value one step below a value at {@code depth} reached by {@code mask}: a member by
     * {@code name} (null for a map key that is not a string, which only {@code *} matches), or an element.
     */
    long child(long mask, int depth, @Nullable String name, boolean element) {
        long reached = 0;
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            List<Segment> segments = paths.get(i).segments();
            if (segments.size() <= depth) {
                continue;
            }
            Segment segment = segments.get(depth);
            boolean matched = element ? segment instanceof AnyElement
                    : segment instanceof AnyMember || segment instanceof Member member && member.name().equals(name);
            if (matched) {
                reached |= 1L << i;
            }
        }
        return reached;
    }

    /** Whether an {@code @IgnoreFields} path ends at this value, counting each that does. */
    boolean leavesOut(long mask, int depth) {
        boolean leftOut = false;
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            if (i < ignoredCount && paths.get(i).segments().size() == depth) {
                matches[i]++;
                leftOut = true;
            }
        }
        return leftOut;
    }

    /** The {@code @Unordered} path that ends at this value, or null. */
    @Nullable OutputPath unorderedAt(long mask, int depth) {
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            if (i >= ignoredCount && paths.get(i).segments().size() == depth) {
                return paths.get(i);
            }
        }
        return null;
    }

    /** Counts the {@code @Unordered} paths that end at this list, which is written as a set. */
    void sorted(long mask, int depth) {
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            if (i >= ignoredCount && paths.get(i).segments().size() == depth) {
                matches[i]++;
            }
        }
    }

    /** Whether some path goes on below this value, so that its elements must be written one by one. */
    boolean goesBelow(long mask, int depth) {
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            if (paths.get(Long.numberOfTrailingZeros(rest)).segments().size() > depth) {
                return true;
            }
        }
        return false;
    }

    /** An empty list: a path through its elements is right, with nothing to reach in this output, so it counts. */
    void throughEmptyList(long mask, int depth) {
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            List<Segment> segments = paths.get(i).segments();
            if (segments.size() > depth && segments.get(depth) instanceof AnyElement) {
                matches[i]++;
            }
        }
    }

    void rootIs(String kind) {
        rootKind = kind;
    }

    void rootMember(String name) {
        rootMembers.add(name);
    }

    /** Fails on the first path that matched nothing, {@code @IgnoreFields} before {@code @Unordered}. */
    void requireEveryPathMatched() {
        for (int i = 0; i < paths.size(); i++) {
            if (matches[i] == 0) {
                String members = rootMembers.isEmpty() || !rootKind.equals("an object") ? "; the output is " + rootKind
                        : "; the output's members are " + String.join(", ", rootMembers);
                throw new MaterializationException((i < ignoredCount ? "@IgnoreFields" : "@Unordered") + "(\""
                        + paths.get(i) + "\") matches nothing in the output, so it would leave nothing out; correct the"
                        + " path" + members);
            }
        }
    }

    /** A scalar as a message shows it: a string quoted, with escapes. */
    static String shown(Object value) {
        return value instanceof String text ? TextLines.quoted(text) : String.valueOf(value);
    }

    static MaterializationException notAList(OutputPath path, String what) {
        return new MaterializationException("@Unordered(\"" + path + "\") names "
                + (path.isOutputItself() ? "the output itself" : "output." + path) + ", which is not a list but " + what
                + "; name a list or an array");
    }
}
