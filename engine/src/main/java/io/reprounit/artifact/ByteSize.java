package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A number of bytes as people write it in a setting: {@code 1048576}, {@code 512KiB}, {@code 64MB}, {@code 2G}. The
 * units {@code KB MB GB TB} are powers of 1000; {@code KiB MiB GiB TiB}, and {@code K M G T} alone as in the JVM's
 * {@code -Xmx}, powers of 1024; {@code B} is a byte. Units are read in any case; the number is a whole one.
 */
@API(status = INTERNAL, since = "0.1")
public final class ByteSize {

    private ByteSize() {}

    /**
     * The number of bytes {@code text} says.
     *
     * @throws IllegalArgumentException saying what is accepted, where {@code text} is not a size of zero or more
     */
    public static long parse(String text) {
        String value = text.strip();
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        long factor = digits == 0 ? -1 : factor(value.substring(digits).strip().toUpperCase(Locale.ROOT));
        if (factor < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write a whole number of bytes, or one"
                    + " followed by KB, MB, GB (powers of 1000) or KiB, MiB, GiB, K, M, G (powers of 1024), such as 64MB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(value.substring(0, digits)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
    }

    private static long factor(String unit) {
        return switch (unit) {
            case "", "B" -> 1;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "K", "KIB" -> 1L << 10;
            case "M", "MIB" -> 1L << 20;
            case "G", "GIB" -> 1L << 30;
            case "T", "TIB" -> 1L << 40;
            default -> -1;
        };
    }
}
