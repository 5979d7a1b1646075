package io.reprounit.artifact;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * {@code @SignificantDigits(n)} on the canonical form: a floating-point number becomes its exact binary value rounded
 * half-even to {@code n} significant digits, then the nearest {@code double} (or {@code float}) to that; a decimal is
 * rounded alike, trailing zeros dropped. Exact arithmetic, so the same on every JDK; a {@link BigDecimal} per number,
 * which only a step that asks for it pays.
 */
final class SignificantDigits {

    private final MathContext context;

    private SignificantDigits(int digits) {
        this.context = new MathContext(digits, RoundingMode.HALF_EVEN);
    }

    /** The rounding the normalization asks for, or null where it asks for none. */
    static @Nullable SignificantDigits of(Normalization normalization) {
        return normalization.significantDigits() > 0 ? new SignificantDigits(normalization.significantDigits()) : null;
    }

    double round(double value) {
        return Double.isFinite(value) ? new BigDecimal(value).round(context).doubleValue() : value;
    }

    float round(float value) {
        return Float.isFinite(value) ? new BigDecimal(value).round(context).floatValue() : value;
    }

    BigDecimal round(BigDecimal value) {
        BigDecimal rounded = value.round(context).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }
}
