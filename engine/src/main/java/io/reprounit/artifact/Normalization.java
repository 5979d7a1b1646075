package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a step's normalizers leave out of, or loosen in, the comparison of its output: members by path, values by type,
 * the order of lists, the last digits of floating-point numbers, and the tolerance within which two runs' numbers count
 * as equal. The first four change the compared ("semantic") form of the output and so its digest; the tolerance is a
 * relation between two runs and is applied by {@link #compareWithinTolerance} when their digests differ.
 *
 * <p>Each normalizer is described as it is declared, such as {@code @IgnoreFields({"trainedAt"})}, so that failure
 * messages and the configuration fingerprint name exactly what was not compared.
 */
@API(status = INTERNAL, since = "0.1")
public final class Normalization {

    private static final Normalization NONE = new Builder().build();

    private final List<OutputPath> ignoredFields;
    private final List<Class<?>> ignoredTypes;
    private final List<OutputPath> unordered;
    private final int significantDigits;
    private final long ulps;
    private final double relative;
    /** Asked for every output of every run, so described once. */
    private final List<String> descriptions;

    private Normalization(Builder builder) {
        this.ignoredFields = List.copyOf(builder.ignoredFields);
        this.ignoredTypes = List.copyOf(builder.ignoredTypes);
        this.unordered = List.copyOf(builder.unordered);
        this.significantDigits = builder.significantDigits;
        this.ulps = builder.ulps;
        this.relative = builder.relative;
        this.descriptions = describeEach();
    }

    /** Everything compared, exactly. */
    public static Normalization none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isNone() {
        return descriptions().isEmpty();
    }

    /** Whether numbers are compared within a tolerance, between runs. */
    public boolean hasTolerance() {
        return ulps > 0 || relative > 0;
    }

    /** The normalizers as declared, one per entry, in a fixed order. */
    public List<String> descriptions() {
        return descriptions;
    }

    private List<String> describeEach() {
        List<String> descriptions = new ArrayList<>();
        if (!ignoredFields.isEmpty()) {
            descriptions.add("@IgnoreFields(" + quotedList(ignoredFields) + ")");
        }
        if (!ignoredTypes.isEmpty()) {
            descriptions.add("@IgnoreTypes(" + String.join(", ", ignoredTypes.stream().map(Class::getName).toList()) + ")");
        }
        if (!unordered.isEmpty()) {
            descriptions.add(unordered.size() == 1 && unordered.get(0).isOutputItself() ? "@Unordered"
                    : "@Unordered(" + quotedList(unordered) + ")");
        }
        if (significantDigits > 0) {
            descriptions.add("@SignificantDigits(" + significantDigits + ")");
        }
        if (ulps > 0) {
            descriptions.add("@Tolerance(ulps = " + ulps + ")");
        }
        if (relative > 0) {
            descriptions.add("@Tolerance(relative = " + relative + ")");
        }
        return List.copyOf(descriptions);
    }

    /** The normalizers in one line, or {@code "none"}. */
    public String describe() {
        List<String> descriptions = descriptions();
        return descriptions.isEmpty() ? "none" : String.join(", ", descriptions);
    }

    private static String quotedList(List<OutputPath> paths) {
        List<String> quoted = paths.stream().map(path -> "\"" + path + "\"").toList();
        return quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}";
    }

    boolean ignoresType(Class<?> type) {
        for (Class<?> ignored : ignoredTypes) {
            if (ignored.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    boolean hasIgnoredTypes() {
        return !ignoredTypes.isEmpty();
    }

    /** Whether the encoded tree must be rewritten: some normalizer other than types and tolerance is declared. */
    boolean rewritesTree() {
        return !ignoredFields.isEmpty() || !unordered.isEmpty() || significantDigits > 0;
    }

    List<OutputPath> ignoredFields() {
        return ignoredFields;
    }

    List<OutputPath> unordered() {
        return unordered;
    }

    int significantDigits() {
        return significantDigits;
    }

    long ulps() {
        return ulps;
    }

    double relative() {
        return relative;
    }

    /**
     * Compares the compared forms of two artifacts value by value, numbers within this normalization's tolerance. Both
     * must be complete canonical encodings; otherwise the comparison says it could not be made.
     */
    public ToleranceCheck compareWithinTolerance(Artifact expected, Artifact actual) {
        return ToleranceComparison.compare(expected, actual, this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that && descriptions().equals(that.descriptions());
    }

    @Override
    public int hashCode() {
        return descriptions().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Collects normalizers; each method checks its values and throws an {@link IllegalArgumentException} saying why. */
    public static final class Builder {

        private final List<OutputPath> ignoredFields = new ArrayList<>();
        private final List<Class<?>> ignoredTypes = new ArrayList<>();
        private final List<OutputPath> unordered = new ArrayList<>();
        private int significantDigits;
        private long ulps;
        private double relative;

        private Builder() {}

        public Builder ignoreFields(List<String> paths) {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("@IgnoreFields names no path; name the members to leave out");
            }
            for (String path : paths) {
                OutputPath parsed = OutputPath.parse(path);
                if (parsed.isOutputItself()) {
                    throw new IllegalArgumentException("@IgnoreFields(\"\") would leave out the whole output; name"
                            + " members, or do not make this a step");
                }
                ignoredFields.add(parsed);
            }
            return this;
        }

        public Builder ignoreTypes(List<Class<?>> types) {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("@IgnoreTypes names no type; name the types to leave out");
            }
            ignoredTypes.addAll(types);
            return this;
        }

        /** Lists to compare as unordered; no path stands for the output itself. */
        public Builder unordered(List<String> paths) {
            if (paths.isEmpty()) {
                unordered.add(OutputPath.parse(""));
            }
            for (String path : paths) {
                unordered.add(OutputPath.parse(path));
            }
            return this;
        }

        public Builder significantDigits(int digits) {
            if (digits < 1 || digits > 17) {
                throw new IllegalArgumentException("@SignificantDigits(" + digits + ") is out of range: a double has"
                        + " at most 17 significant digits; give 1 to 17");
            }
            this.significantDigits = digits;
            return this;
        }

        /** A tolerance: exactly one of the two must be positive. */
        public Builder tolerance(long ulps, double relative) {
            boolean byUlps = ulps != 0;
            boolean byRelative = relative != 0;
            if (byUlps == byRelative) {
                throw new IllegalArgumentException("@Tolerance needs exactly one of ulps and relative, such as"
                        + " @Tolerance(ulps = 4) or @Tolerance(relative = 1e-9)");
            }
            if (ulps < 0 || relative < 0 || Double.isNaN(relative) || Double.isInfinite(relative)) {
                throw new IllegalArgumentException("@Tolerance(" + (byUlps ? "ulps = " + ulps : "relative = " + relative)
                        + ") must be a positive, finite number");
            }
            this.ulps = ulps;
            this.relative = relative;
            return this;
        }

        public Normalization build() {
            return new Normalization(this);
        }
    }
}
