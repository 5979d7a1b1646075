package io.reprounit.artifact;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Floating-point values written by their exact value. {@link Double#toString} will not do: its digits changed between
 * Java 17 and 19 (JDK-4511638), which would change digests and baselines with the JDK although no value changed. This
 * computes the shortest decimal that reads back as the same value, nearest to it, with {@link BigDecimal}, whose
 * arithmetic is specified exactly.
 */
final class FloatingPoint {

    private FloatingPoint() {}

    static String exactShortest(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        // Double.toString's digits always read back; only their count is an upper bound for the shortest.
        int precision = significantDigits(Double.toString(value));
        while (precision > 1 && readingBack(exact, precision - 1, d -> d.doubleValue() == value) != null) {
            precision--;
        }
        // Never null: at the starting precision, Double.toString's own digits read back.
        return format(readingBack(exact, precision, d -> d.doubleValue() == value));
    }

    static String exactShortest(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return Float.toString(value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        int precision = significantDigits(Float.toString(value));
        while (precision > 1 && readingBack(exact, precision - 1, d -> d.floatValue() == value) != null) {
            precision--;
        }
        return format(readingBack(exact, precision, d -> d.floatValue() == value));
    }

    /**
     * The decimal of {@code precision} significant digits nearest to {@code exact} that reads back as the same value,
     * or null where none does. The nearest one is not always it: at a power of two the values below are spaced half as
     * far apart as those above, so the nearest decimal may lie below, outside the range that reads back, while the next
     * one above still reads back (2^132 is 5.444517870735016E39; the nearest 16 digits, ...015E39, read back as another
     * double).
     */
    private static @Nullable BigDecimal readingBack(BigDecimal exact, int precision, Predicate<BigDecimal> readsBack) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (readsBack.test(nearest)) {
            return nearest;
        }
        for (RoundingMode side : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
            BigDecimal other = exact.round(new MathContext(precision, side));
            if (readsBack.test(other)) {
                return other;
            }
        }
        return null;
    }

    private static int significantDigits(String javaText) {
        int exponent = javaText.indexOf('E');
        String mantissa = exponent < 0 ? javaText : javaText.substring(0, exponent);
        String digits = mantissa.replace("-", "").replace(".", "");
        digits = digits.replaceFirst("^0+", "");
        digits = digits.replaceFirst("0+$", "");
        return Math.max(1, digits.length());
    }

    /** Plain notation for ordinary magnitudes, scientific beyond them; always with a point or an exponent. */
    private static String format(BigDecimal rounded) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        int magnitude = stripped.precision() - stripped.scale() - 1;
        if (magnitude >= -7 && magnitude < 21) {
            String plain = stripped.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String unscaled = stripped.unscaledValue().abs().toString();
        String sign = stripped.signum() < 0 ? "-" : "";
        String mantissa = unscaled.length() == 1 ? unscaled + ".0" : unscaled.charAt(0) + "." + unscaled.substring(1);
        return sign + mantissa + "E" + magnitude;
    }
}
