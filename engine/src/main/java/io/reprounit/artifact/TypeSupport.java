package io.reprounit.artifact;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

/**
 * Decides from a step's declared return type, before anything runs, whether its outputs can be materialized, so that a
 * step returning a stream or a lambda is a discovery error rather than a failure halfway through a long run. Types it
 * cannot judge statically ({@code Object}, type variables) are accepted and checked when the value exists.
 */
final class TypeSupport {

    private static final Set<Class<?>> CONSUMED = Set.of(InputStream.class, OutputStream.class, Reader.class, Writer.class,
            Iterator.class, BaseStream.class);
    private static final Set<Class<?>> LIVE = Set.of(Future.class, Thread.class, Runnable.class, ClassLoader.class);

    private final Materializers materializers;
    private final Set<Type> visiting = new HashSet<>();

    TypeSupport(Materializers materializers) {
        this.materializers = materializers;
    }

    Optional<String> whyUnsupported(Type type) {
        if (!visiting.add(type)) {
            return Optional.empty(); // a recursive type such as a tree; its other members are checked once
        }
        try {
            return check(type);
        } finally {
            visiting.remove(type);
        }
    }

    private Optional<String> check(Type type) {
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return Optional.empty();
        }
        if (type instanceof GenericArrayType array) {
            return whyUnsupported(array.getGenericComponentType());
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || Optional.class == raw) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    Optional<String> why = whyUnsupported(argument);
                    if (why.isPresent()) {
                        return why;
                    }
                }
                return Optional.empty();
            }
            return check(raw);
        }
        return checkClass((Class<?>) type);
    }

    private Optional<String> checkClass(Class<?> type) {
        if (materializers.isRegistered(type) || isBuiltIn(type)) {
            return Optional.empty();
        }
        if (type == void.class || type == Void.class) {
            return Optional.of("a step must return its output; void steps have nothing to compare");
        }
        for (Class<?> consumed : CONSUMED) {
            if (consumed.isAssignableFrom(type)) {
                return Optional.of(type.getName() + " is consumed as it is read and has no content to compare;"
                        + " return the data it yields instead");
            }
        }
        for (Class<?> live : LIVE) {
            if (live.isAssignableFrom(type)) {
                return Optional.of(type.getName() + " is a running thing, not a value; return what it computes instead");
            }
        }
        if (type.isArray()) {
            return whyUnsupported(type.getComponentType());
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Optional<String> why = whyUnsupported(component.getGenericType());
                if (why.isPresent()) {
                    return Optional.of("component " + component.getName() + " of " + type.getName() + ": " + why.get());
                }
            }
            return Optional.empty();
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return Optional.empty(); // judged by the runtime class of each value
        }
        if (ObjectEncoder.isPlatformClass(type)) {
            return Optional.of(type.getName() + " has no canonical encoding; register a Materializer for it");
        }
        // Any other class is encoded by its fields: each must be encodable in turn.
        for (Class<?> owner = type; owner != null && !ObjectEncoder.isPlatformClass(owner); owner = owner.getSuperclass()) {
            // By name: reflection's order is unspecified (unspecified_order shuffles it), the field named must not be.
            java.lang.reflect.Field[] fields = owner.getDeclaredFields();
            java.util.Arrays.sort(fields, java.util.Comparator.comparing(java.lang.reflect.Field::getName));
            for (java.lang.reflect.Field field : fields) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                Optional<String> why = whyUnsupported(field.getGenericType());
                if (why.isPresent()) {
                    return Optional.of("field " + field.getName() + " of " + owner.getName() + ": " + why.get());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBuiltIn(Class<?> type) {
        return type.isPrimitive() && type != void.class || type == Object.class || CharSequence.class.isAssignableFrom(type)
                || Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
                || type.isEnum() || Path.class.isAssignableFrom(type) || type == File.class
                || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type == Optional.class
                || TemporalAccessor.class.isAssignableFrom(type) || type == Duration.class || type == Period.class
                || ZoneId.class.isAssignableFrom(type) || type == UUID.class || type == java.net.URI.class
                || type == Currency.class || type == Locale.class;
    }

}
