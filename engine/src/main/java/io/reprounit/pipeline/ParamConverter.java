package io.reprounit.pipeline;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Converts configuration values to the types of {@code @Param} parameters. The supported types are few on purpose:
 * scalars, enums, paths, durations, and lists, sets and string-keyed maps of these. Checking happens at discovery and
 * runs no user code (enum constants are found by their fields, without initialising the enum).
 */
final class ParamConverter {

    private ParamConverter() {}

    /** Why {@code node} cannot be given to a parameter of type {@code type}, or empty where it can. */
    static Optional<String> check(JsonNode node, Type type) {
        try {
            convert(node, type, false);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    static Object convert(JsonNode node, Type type) {
        return convert(node, type, true);
    }

    /** Whether a parameter of this type can take configuration values at all. */
    static boolean isSupported(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class || raw == Set.class) {
                return isScalar(arguments[0]);
            }
            return raw == Map.class && arguments[0] == String.class && isScalar(arguments[1]);
        }
        return isScalar(type);
    }

    private static boolean isScalar(Type type) {
        return type instanceof Class<?> c && (c == String.class || c.isPrimitive() && c != void.class
                || c == Integer.class || c == Long.class || c == Double.class || c == Float.class || c == Short.class
                || c == Byte.class || c == Boolean.class || c == Character.class || c == BigDecimal.class
                || c == BigInteger.class || c.isEnum() || c == Path.class || c == File.class || c == Duration.class);
    }

    private static Object convert(JsonNode node, Type type, boolean build) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class || raw == Set.class) {
                require(node.isArray(), node, "a list");
                List<Object> values = new ArrayList<>();
                for (JsonNode element : node) {
                    values.add(convert(element, arguments[0], build));
                }
                return raw == List.class ? List.copyOf(values) : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
            }
            require(node.isObject(), node, "a mapping");
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                values.put(entry.getKey(), convert(entry.getValue(), arguments[1], build));
            }
            return java.util.Collections.unmodifiableMap(values);
        }
        return scalar(node, (Class<?>) type, build);
    }

    private static Object scalar(JsonNode node, Class<?> type, boolean build) {
        if (type == String.class) {
            require(node.isValueNode() && !node.isNull(), node, "a single value");
            return node.asString();
        }
        if (type == boolean.class || type == Boolean.class) {
            require(node.isBoolean(), node, "true or false");
            return node.booleanValue();
        }
        if (type == int.class || type == Integer.class) {
            require(node.isIntegralNumber() && node.canConvertToInt(), node, "a whole number that fits an int");
            return node.intValue();
        }
        if (type == long.class || type == Long.class) {
            require(node.isIntegralNumber() && node.canConvertToLong(), node, "a whole number that fits a long");
            return node.longValue();
        }
        if (type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            long min = type == short.class || type == Short.class ? Short.MIN_VALUE : Byte.MIN_VALUE;
            long max = type == short.class || type == Short.class ? Short.MAX_VALUE : Byte.MAX_VALUE;
            require(node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= min && node.intValue() <= max,
                    node, "a whole number from " + min + " to " + max);
            return type == short.class || type == Short.class ? (Object) node.shortValue() : (Object) (byte) node.intValue();
        }
        if (type == double.class || type == Double.class) {
            require(node.isNumber(), node, "a number");
            return node.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            require(node.isNumber(), node, "a number");
            return node.floatValue();
        }
        if (type == char.class || type == Character.class) {
            require(node.isString() && node.asString().length() == 1, node, "a single character");
            return node.asString().charAt(0);
        }
        if (type == BigDecimal.class) {
            require(node.isNumber(), node, "a number");
            return node.decimalValue();
        }
        if (type == BigInteger.class) {
            require(node.isIntegralNumber(), node, "a whole number");
            return node.bigIntegerValue();
        }
        if (type == Path.class || type == File.class) {
            require(node.isString() && !node.asString().isBlank(), node, "a path");
            return type == Path.class ? Path.of(node.asString()) : new File(node.asString());
        }
        if (type == Duration.class) {
            require(node.isString(), node, "a duration such as PT30S");
            try {
                return Duration.parse(node.asString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + node.asString() + "' is not a duration such as PT30S or PT2M");
            }
        }
        if (type.isEnum()) {
            require(node.isString(), node, "one of " + constants(type));
            String name = node.asString();
            require(constants(type).contains(name), node, "one of " + constants(type));
            return build ? enumConstant(type, name) : name;
        }
        throw new IllegalArgumentException(type.getName() + " is not a type a @Param can have");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static List<String> constants(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Field field : enumType.getDeclaredFields()) {
            if (field.isEnumConstant()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static void require(boolean condition, JsonNode node, String expected) {
        if (!condition) {
            String shown = node.isContainer() ? node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) : "'" + node.asString() + "'";
            throw new IllegalArgumentException("expected " + expected + ", found " + shown);
        }
    }
}
