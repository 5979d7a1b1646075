package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.CanonicalTree.ArrayNode;
import io.reprounit.artifact.CanonicalTree.Node;
import io.reprounit.artifact.CanonicalTree.ObjectNode;
import io.reprounit.artifact.CanonicalTree.Scalar;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Walks two compared forms side by side: everything but floating-point numbers must be equal, and each pair of
 * numbers must lie within the tolerance. Keeps the largest difference seen, so that a pass can say how close it was.
 * Canonical binary forms are streamed ({@link StreamTolerance}), from memory or the artifact store; the canonical text
 * of scheme 1, and a baseline's text against an output's, are compared as trees.
 */
@API(status = INTERNAL, since = "0.1")
public final class ToleranceComparison {

    private final Normalization normalization;
    private double largest = -1;
    private String largestAt = "";

    private ToleranceComparison(Normalization normalization) {
        this.normalization = normalization;
    }

    static ToleranceCheck compare(Artifact expected, Artifact actual, Normalization normalization) {
        if (!normalization.hasTolerance()) {
            return new ToleranceCheck(expected.digest().equals(actual.digest()), "no tolerance is declared");
        }
        if (expected.isCanonicalForm() && actual.isCanonicalForm()) {
            return compareForms(expected, actual, normalization);
        }
        if (!expected.isCanonicalText() || !actual.isCanonicalText()) {
            return new ToleranceCheck(false, "the outputs are not structured values, so their numbers cannot be"
                    + " compared within " + tolerance(normalization));
        }
        if (!expected.isComplete() || !actual.isComplete()) {
            return new ToleranceCheck(false, "the outputs are larger than the " + Artifact.MAX_KEPT_BYTES
                    + " bytes kept in memory, so their numbers could not be compared within " + tolerance(normalization));
        }
        return compareTexts(new String(expected.bytes(), StandardCharsets.UTF_8),
                new String(actual.bytes(), StandardCharsets.UTF_8), normalization);
    }

    private static ToleranceCheck compareForms(Artifact expected, Artifact actual, Normalization normalization) {
        java.util.Optional<java.io.InputStream> left = expected.open();
        java.util.Optional<java.io.InputStream> right = actual.open();
        if (left.isEmpty() || right.isEmpty()) {
            left.ifPresent(ToleranceComparison::close);
            right.ifPresent(ToleranceComparison::close);
            return new ToleranceCheck(false, "the outputs are larger than the " + Artifact.MAX_KEPT_BYTES
                    + " bytes kept in memory and not in the artifact store, so their numbers could not be compared"
                    + " within " + tolerance(normalization));
        }
        try (java.io.InputStream a = left.get(); java.io.InputStream b = right.get()) {
            ToleranceComparison comparison = new ToleranceComparison(normalization);
            return comparison.outcome(new StreamTolerance(comparison).walk(new CanonicalReader(a), new CanonicalReader(b)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the outputs to compare", e);
        }
    }

    /**
     * Two canonical texts compared number by number within the tolerance: a baseline's kept text against the text of
     * an output, or two outputs of scheme 1.
     */
    public static ToleranceCheck compareTexts(String expected, String actual, Normalization normalization) {
        Node left = CanonicalTree.parse(expected);
        Node right = CanonicalTree.parse(actual);
        ToleranceComparison comparison = new ToleranceComparison(normalization);
        return comparison.outcome(comparison.walk(left, right, "output"));
    }

    private ToleranceCheck outcome(@Nullable String difference) {
        if (difference != null) {
            return new ToleranceCheck(false, difference);
        }
        return new ToleranceCheck(true, largest <= 0
                ? "every number was equal"
                : "every number was within " + tolerance(normalization) + "; the largest difference was " + largestAt);
    }

    private static void close(java.io.InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first difference beyond the tolerance below this place, or null. */
    private @Nullable String walk(Node left, Node right, String path) {
        if (left instanceof ObjectNode a && right instanceof ObjectNode b) {
            if (a.members().size() != b.members().size()) {
                return path + " has " + a.members().size() + " members in one run and " + b.members().size()
                        + " in the other";
            }
            for (int i = 0; i < a.members().size(); i++) {
                CanonicalTree.Member x = a.members().get(i);
                CanonicalTree.Member y = b.members().get(i);
                if (!x.quotedName.equals(y.quotedName)) {
                    return path + " has member " + x.quotedName + " in one run where the other has " + y.quotedName;
                }
                String difference = walk(x.value, y.value, path + "." + x.name());
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (left instanceof ArrayNode a && right instanceof ArrayNode b) {
            if (a.elements().size() != b.elements().size()) {
                return path + " has " + a.elements().size() + " elements in one run and " + b.elements().size()
                        + " in the other";
            }
            for (int i = 0; i < a.elements().size(); i++) {
                String difference = walk(a.elements().get(i), b.elements().get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (left instanceof Scalar a && right instanceof Scalar b) {
            if (a.text().equals(b.text())) {
                return null;
            }
            if (a.isFloatingPoint() && b.isFloatingPoint()) {
                return compareNumbers(a.text(), b.text(), path);
            }
            return path + " is " + a.text() + " in one run and " + b.text() + " in the other";
        }
        return path + " is " + CanonicalTree.write(left).lines().findFirst().orElse("") + "... in one run and "
                + CanonicalTree.write(right).lines().findFirst().orElse("") + "... in the other";
    }

    private @Nullable String compareNumbers(String leftText, String rightText, String path) {
        double left = Double.parseDouble(leftText);
        double right = Double.parseDouble(rightText);
        return numbers(left, right, ulpDistance(left, right), leftText, rightText, path);
    }

    /**
     * Two numbers that are not the same: null where they are within the tolerance (the largest such difference is
     * kept), else the difference beyond it, in words.
     */
    @Nullable String numbers(double left, double right, long ulpDistance, String leftText, String rightText,
            String path) {
        String pair = " (" + leftText + " against " + rightText + ")";
        if (Double.isNaN(left) || Double.isNaN(right) || Double.isInfinite(left) || Double.isInfinite(right)) {
            return path + " is " + leftText + " in one run and " + rightText + " in the other, which no tolerance bridges";
        }
        double difference;
        String shown;
        boolean within;
        if (normalization.ulps() > 0) {
            long ulps = ulpDistance;
            difference = ulps;
            shown = ulps + " ulps";
            within = ulps <= normalization.ulps();
        } else {
            double scale = Math.max(Math.abs(left), Math.abs(right));
            difference = scale == 0 ? 0 : Math.abs(left - right) / scale;
            shown = "a relative " + difference;
            within = difference <= normalization.relative();
        }
        if (!within) {
            return path + " differs by " + shown + pair + ", beyond " + tolerance(normalization);
        }
        if (difference > largest) {
            largest = difference;
            largestAt = shown + " at " + path + pair;
        }
        return null;
    }

    /** How many doubles apart two finite values are; 0.0 and -0.0 are the same. */
    static long ulpDistance(double left, double right) {
        long a = ordered(left);
        long b = ordered(right);
        try {
            long distance = Math.abs(Math.subtractExact(a, b));
            return distance < 0 ? Long.MAX_VALUE : distance;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** How many floats apart two finite values are; 0.0f and -0.0f are the same. */
    static long ulpDistance(float left, float right) {
        long a = ordered(left);
        long b = ordered(right);
        return Math.abs(a - b);
    }

    private static long ordered(float value) {
        int bits = Float.floatToIntBits(value);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /** The bits of a double, mapped so that the order of the longs is the order of the values. */
    private static long ordered(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    static String tolerance(Normalization normalization) {
        return normalization.descriptions().stream().filter(d -> d.startsWith("@Tolerance")).findFirst().orElse("");
    }
}
