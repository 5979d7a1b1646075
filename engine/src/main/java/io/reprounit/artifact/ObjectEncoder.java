package io.reprounit.artifact;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Objects by their state, as objects whose members are sorted by name, so that reordering declarations changes no
 * digest: a record by its components; any other class by its fields, inherited ones included (transient, static and
 * synthetic fields left out), with its class name, since which implementation holds the state is part of it. JDK
 * classes are never read through their fields — their internals are not an API, and the module system forbids it — so a
 * JDK type without a value-based encoding is an error naming the type and where it sits in the output.
 */
final class ObjectEncoder {

    private ObjectEncoder() {}

    static void encode(Object value, CanonicalWriter out, ValueEncoder encoder) {
        Class<?> type = value.getClass();
        if (type.isRecord()) {
            write(components(value, encoder), out, encoder);
            return;
        }
        if (isPlatformClass(type) || type.isSynthetic() || type.isHidden()) {
            throw new MaterializationException("Cannot encode " + ValueEncoder.describe(value) + " at " + encoder.path()
                    + ": " + (type.isSynthetic() || type.isHidden() ? "a lambda or generated class has no state to compare"
                            : "it is a JDK type without a value of its own") + ". Return the data it holds, or register a "
                    + Materializer.class.getName() + " for it.");
        }
        Map<String, Object> members = new TreeMap<>();
        members.put("$class", type.getName());
        members.putAll(fields(value, encoder));
        write(members, out, encoder);
    }

    private static void write(Map<String, Object> members, CanonicalWriter out, ValueEncoder encoder) {
        out.beginObject();
        members.forEach((name, member) -> {
            out.name(name);
            encoder.at(name, () -> encoder.encode(member, out));
        });
        out.endObject();
    }

    /** Classes of the platform: read only through the value-based encodings that {@link ValueEncoder} knows. */
    static boolean isPlatformClass(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    private static Map<String, Object> components(Object record, ValueEncoder encoder) {
        Map<String, Object> members = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            members.put(component.getName(), invoke(component.getAccessor(), record, encoder));
        }
        return members;
    }

    /** Every instance field up to the first platform superclass; a shadowed field is named by its declaring class. */
    private static Map<String, Object> fields(Object value, ValueEncoder encoder) {
        Map<String, Object> members = new TreeMap<>();
        for (Class<?> type = value.getClass(); type != null && !isPlatformClass(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                String name = members.containsKey(field.getName())
                        ? type.getSimpleName() + "." + field.getName() : field.getName();
                members.put(name, read(field, value, encoder));
            }
        }
        return members;
    }

    private static Object invoke(Method accessor, Object target, ValueEncoder encoder) {
        try {
            accessor.trySetAccessible();
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            throw new MaterializationException(accessor + " threw while " + encoder.path() + " was encoded", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MaterializationException("Cannot read " + accessor + " to encode " + encoder.path(), e);
        }
    }

    private static Object read(Field field, Object target, ValueEncoder encoder) {
        if (!field.trySetAccessible()) {
            throw new MaterializationException("Cannot read field " + field.getName() + " of " + field.getDeclaringClass()
                    .getName() + " at " + encoder.path() + ": its module does not open it. Register a "
                    + Materializer.class.getName() + " for " + target.getClass().getName() + ".");
        }
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new MaterializationException("Cannot read field " + field.getName() + " at " + encoder.path(), e);
        }
    }
}
