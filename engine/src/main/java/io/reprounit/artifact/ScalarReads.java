package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Scalar tokens back into the declared scalar type: integers range-checked, floating point bit for bit, a string into
 * text, a character, an enum constant by its name, or a value-based JDK type through the parser that its
 * {@code toString} (what {@link ValueEncoder} writes) round-trips with.
 */
final class ScalarReads {

    /** The value-based JDK types {@link ValueEncoder} writes as text, by the parser that reads that text back. */
    private static final Map<Class<?>, Function<String, Object>> PARSED = Map.ofEntries(
            Map.entry(LocalDate.class, LocalDate::parse), Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse), Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
            Map.entry(OffsetTime.class, OffsetTime::parse), Map.entry(ZonedDateTime.class, ZonedDateTime::parse),
            Map.entry(Instant.class, Instant::parse), Map.entry(Year.class, Year::parse),
            Map.entry(YearMonth.class, YearMonth::parse), Map.entry(MonthDay.class, MonthDay::parse),
            Map.entry(ZoneOffset.class, ZoneOffset::of), Map.entry(ZoneId.class, ZoneId::of),
            Map.entry(Duration.class, Duration::parse), Map.entry(Period.class, Period::parse),
            Map.entry(UUID.class, UUID::fromString), Map.entry(URI.class, URI::create),
            Map.entry(Currency.class, Currency::getInstance), Map.entry(Locale.class, Locale::forLanguageTag));

    private ScalarReads() {}

    /** Whether values of {@code type} are one scalar token that this class reads back. */
    static boolean reads(Class<?> type) {
        return type.isPrimitive() && type != void.class || type == Boolean.class || type == Character.class
                || type == Byte.class || type == Short.class || type == Integer.class || type == Long.class
                || type == Float.class || type == Double.class || type == BigInteger.class || type == BigDecimal.class
                || type == String.class || type == CharSequence.class || type.isEnum() || PARSED.containsKey(type);
    }

    /** The current scalar token of {@code in} as a {@code type}. */
    static @Nullable Object read(CanonicalReader in, Kind kind, Class<?> type) {
        return switch (kind) {
            case NULL -> {
                if (type.isPrimitive()) {
                    throw mismatch("null", type);
                }
                yield null;
            }
            case FALSE, TRUE -> {
                if (type != boolean.class && type != Boolean.class) {
                    throw mismatch("a boolean", type);
                }
                yield kind == Kind.TRUE;
            }
            case INT -> number(Kind.INT, in.longValue(), type);
            case F64 -> number(Kind.F64, in.doubleBits(), type);
            case F32 -> number(Kind.F32, in.floatBits(), type);
            case BIG_INT -> {
                if (type != BigInteger.class) {
                    throw mismatch("an integer beyond a long", type);
                }
                yield in.bigInteger();
            }
            case DECIMAL -> {
                if (type != BigDecimal.class) {
                    throw mismatch("a BigDecimal", type);
                }
                yield in.decimal();
            }
            case STRING -> text(in.string(), type);
            default -> throw mismatch("a " + kind, type);
        };
    }

    /** A number of the stored {@code kind} (INT, F64 or F32; a packed element too) as a {@code type}. */
    static Object number(Kind kind, long raw, Class<?> type) {
        if (kind == Kind.F64) {
            if (type != double.class && type != Double.class) {
                throw mismatch("a double", type);
            }
            return Double.longBitsToDouble(raw);
        }
        if (kind == Kind.F32) {
            if (type != float.class && type != Float.class) {
                throw mismatch("a float", type);
            }
            return Float.intBitsToFloat((int) raw);
        }
        if (type == long.class || type == Long.class) {
            return raw;
        }
        if (type == BigInteger.class) {
            return BigInteger.valueOf(raw);
        }
        if (type == int.class || type == Integer.class) {
            return (int) inRange(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
        }
        if (type == short.class || type == Short.class) {
            return (short) inRange(raw, Short.MIN_VALUE, Short.MAX_VALUE, type);
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) inRange(raw, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
        }
        throw mismatch("an integer", type);
    }

    private static long inRange(long value, long min, long max, Class<?> type) {
        if (value < min || value > max) {
            throw new ReadFailure("the integer " + value + " is out of the range of " + type.getName());
        }
        return value;
    }

    private static Object text(String text, Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return text;
        }
        if (type == char.class || type == Character.class) {
            if (text.length() != 1) {
                throw new ReadFailure("the text \"" + text + "\" is not one character");
            }
            return text.charAt(0);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
            throw new ReadFailure(type.getName() + " has no constant " + text);
        }
        Function<String, Object> parser = PARSED.get(type);
        if (parser == null) {
            throw mismatch("a string", type);
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new ReadFailure("the text \"" + text + "\" is not a " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    static ReadFailure mismatch(String stored, Class<?> type) {
        return new ReadFailure("stored is " + stored + ", where a " + type.getName() + " is expected");
    }
}
