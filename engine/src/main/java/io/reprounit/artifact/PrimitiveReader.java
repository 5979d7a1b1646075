package io.reprounit.artifact;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Reads a member of a primitive type (a record component's accessor or a field) and writes it straight to the writer,
 * with no box made per value: a table of a million rows reads millions of them. Made only where the member could be
 * made accessible (a method handle cannot be had otherwise); then the member is read reflectively, as any other.
 */
final class PrimitiveReader {

    private final MethodHandle handle;
    private final Class<?> type;
    private final AccessibleObject member;

    private PrimitiveReader(MethodHandle handle, Class<?> type, AccessibleObject member) {
        this.handle = handle;
        this.type = type;
        this.member = member;
    }

    /** A reader for an accessible member of type double, float, long, int, short, byte or boolean; else null. */
    static @Nullable PrimitiveReader of(AccessibleObject member) {
        Class<?> type = member instanceof Field field ? field.getType() : ((Method) member).getReturnType();
        Class<?> written = type == double.class || type == float.class || type == boolean.class ? type
                : type == long.class || type == int.class || type == short.class || type == byte.class ? long.class : null;
        if (written == null) {
            return null;
        }
        try {
            MethodHandle handle = member instanceof Field field ? MethodHandles.lookup().unreflectGetter(field)
                    : MethodHandles.lookup().unreflect((Method) member);
            return new PrimitiveReader(handle.asType(MethodType.methodType(written, Object.class)), written, member);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Writes the member's value of {@code target}; {@code encoder} says where it sits if reading it fails. */
    void write(Object target, CanonicalWriter out, ValueEncoder encoder) {
        try {
            if (type == double.class) {
                out.number((double) handle.invokeExact(target));
            } else if (type == long.class) {
                out.number((long) handle.invokeExact(target));
            } else if (type == float.class) {
                out.number((float) handle.invokeExact(target));
            } else {
                out.bool((boolean) handle.invokeExact(target));
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof MaterializationException || e instanceof IllegalStateException) {
                throw e;
            }
            throw new MaterializationException(member + " threw while " + encoder.path() + " was encoded", e);
        } catch (Throwable e) {
            throw new MaterializationException(member + " threw while " + encoder.path() + " was encoded", e);
        }
    }
}
