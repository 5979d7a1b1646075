package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalTree.ArrayNode;
import io.reprounit.artifact.CanonicalTree.Node;
import io.reprounit.artifact.CanonicalTree.ObjectNode;
import io.reprounit.artifact.CanonicalTree.Scalar;
import java.nio.charset.StandardCharsets;

/**
 * Walks two compared forms side by side: everything but floating-point numbers must be equal, and each pair of
 * numbers must lie within the tolerance. Keeps the largest difference seen, so that a pass can say how close it was.
 */
final class ToleranceComparison {

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
        if (!Artifact.CANONICAL.equals(expected.mediaType()) || !Artifact.CANONICAL.equals(actual.mediaType())) {
            return new ToleranceCheck(false, "the outputs are not structured values, so their numbers cannot be"
                    + " compared within " + tolerance(normalization));
        }
        if (!expected.isComplete() || !actual.isComplete()) {
            return new ToleranceCheck(false, "the outputs are larger than the " + Artifact.MAX_KEPT_BYTES
                    + " bytes kept in memory, so their numbers could not be compared within " + tolerance(normalization));
        }
        Node left = CanonicalTree.parse(new String(expected.bytes(), StandardCharsets.UTF_8));
        Node right = CanonicalTree.parse(new String(actual.bytes(), StandardCharsets.UTF_8));
        ToleranceComparison comparison = new ToleranceComparison(normalization);
        String difference = comparison.walk(left, right, "output");
        if (difference != null) {
            return new ToleranceCheck(false, difference);
        }
        return new ToleranceCheck(true, comparison.largest <= 0
                ? "every number was equal"
                : "every number was within " + tolerance(normalization) + "; the largest difference was "
                        + comparison.largestAt);
    }

    /** The first difference beyond the tolerance below this place, or null. */
    private String walk(Node left, Node right, String path) {
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

    private String compareNumbers(String leftText, String rightText, String path) {
        double left = Double.parseDouble(leftText);
        double right = Double.parseDouble(rightText);
        String pair = " (" + leftText + " against " + rightText + ")";
        if (Double.isNaN(left) || Double.isNaN(right) || Double.isInfinite(left) || Double.isInfinite(right)) {
            return path + " is " + leftText + " in one run and " + rightText + " in the other, which no tolerance bridges";
        }
        double difference;
        String shown;
        boolean within;
        if (normalization.ulps() > 0) {
            long ulps = ulpDistance(left, right);
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

    /** The bits of a double, mapped so that the order of the longs is the order of the values. */
    private static long ordered(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static String tolerance(Normalization normalization) {
        return normalization.descriptions().stream().filter(d -> d.startsWith("@Tolerance")).findFirst().orElse("");
    }
}
