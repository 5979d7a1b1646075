package io.reprounit.artifact;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Readers of one member of a class, as the JDK's functional interfaces, so that {@link FlatObject} reads a million rows
 * with no box and no reflective call: a {@code double} or {@code float} member as a {@link ToDoubleFunction}, an
 * integral one as a {@link ToLongFunction}, a {@code boolean} as a {@link Predicate}, a string as a {@link Function}.
 *
 * <p>A record's accessor is called by a class that {@link LambdaMetafactory} makes for it, which the JIT inlines like
 * a plain call; a method handle held in a field is not inlined, and costs several times more per row. That needs the
 * record's package open to this one (always so on the class path); otherwise, and for fields, a method handle does.
 */
final class MemberReaders {

    private MemberReaders() {}

    /**
     * A reader of {@code member}, read as {@code read} (double, long, boolean or String; a float is read widened to
     * double, an int, short or byte to long: both exactly); null where it cannot be read without reflection.
     */
    static @Nullable Object of(AccessibleObject member, Class<?> read) {
        if (member instanceof Method accessor) {
            Object spun = spun(accessor, read);
            if (spun != null) {
                return spun;
            }
        }
        try {
            MethodHandle handle = member instanceof Field field ? MethodHandles.lookup().unreflectGetter(field)
                    : MethodHandles.lookup().unreflect((Method) member);
            return wrapped(handle.asType(MethodType.methodType(read == String.class ? Object.class : read,
                    Object.class)), read);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** A class of the record's own that calls the accessor; null where the record's package is not open to us. */
    private static @Nullable Object spun(Method accessor, Class<?> read) {
        Class<?> owner = accessor.getDeclaringClass();
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            MethodHandle target = lookup.unreflect(accessor);
            Class<?> face = read == double.class ? ToDoubleFunction.class : read == long.class ? ToLongFunction.class
                    : read == boolean.class ? Predicate.class : Function.class;
            String method = read == double.class ? "applyAsDouble" : read == long.class ? "applyAsLong"
                    : read == boolean.class ? "test" : "apply";
            Class<?> returned = read == String.class ? Object.class : read;
            return LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(face),
                    MethodType.methodType(returned, Object.class), target,
                    MethodType.methodType(read == String.class ? accessor.getReturnType() : read, owner))
                    .getTarget().invoke();
        } catch (Throwable e) {
            return null; // not open to us, or not a full-privilege lookup: a method handle does
        }
    }

    /** A method handle, adapted to {@code (Object)read}, behind the interface of its type. */
    private static Object wrapped(MethodHandle handle, Class<?> read) {
        if (read == double.class) {
            return (ToDoubleFunction<Object>) target -> {
                try {
                    return (double) handle.invokeExact(target);
                } catch (Throwable e) {
                    throw rethrown(e);
                }
            };
        }
        if (read == long.class) {
            return (ToLongFunction<Object>) target -> {
                try {
                    return (long) handle.invokeExact(target);
                } catch (Throwable e) {
                    throw rethrown(e);
                }
            };
        }
        if (read == boolean.class) {
            return (Predicate<Object>) target -> {
                try {
                    return (boolean) handle.invokeExact(target);
                } catch (Throwable e) {
                    throw rethrown(e);
                }
            };
        }
        return (Function<Object, Object>) target -> {
            try {
                return (Object) handle.invokeExact(target);
            } catch (Throwable e) {
                throw rethrown(e);
            }
        };
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new java.lang.reflect.UndeclaredThrowableException(e);
    }
}
