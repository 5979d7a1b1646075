package io.reprounit.artifact;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records by their components and bean-style objects by their public getters and public fields, as objects whose
 * members are sorted by name, so that reordering declarations does not change a digest.
 */
final class ObjectEncoder {

    private ObjectEncoder() {}

    static void encode(Object value, CanonicalWriter out, ValueEncoder encoder) {
        Class<?> type = value.getClass();
        Map<String, Object> members = type.isRecord() ? components(value) : properties(value);
        if (members.isEmpty()) {
            throw new MaterializationException("Cannot encode " + ValueEncoder.describe(value) + " at " + encoder.path()
                    + ": it is not a record and has no public getters or fields. Return a record, or register a "
                    + Materializer.class.getName() + " for " + type.getName() + ".");
        }
        out.beginObject();
        members.forEach((name, member) -> {
            out.name(name);
            encoder.at(name, () -> encoder.encode(member, out));
        });
        out.endObject();
    }

    private static Map<String, Object> components(Object record) {
        Map<String, Object> members = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            members.put(component.getName(), invoke(component.getAccessor(), record));
        }
        return members;
    }

    private static Map<String, Object> properties(Object bean) {
        Map<String, Object> members = new TreeMap<>();
        for (Method method : bean.getClass().getMethods()) {
            String property = Beans.propertyName(method);
            if (property != null) {
                members.put(property, invoke(method, bean));
            }
        }
        for (Field field : bean.getClass().getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                members.putIfAbsent(field.getName(), read(field, bean));
            }
        }
        return members;
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            accessor.trySetAccessible();
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            throw new MaterializationException(accessor + " threw while its value was encoded", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MaterializationException("Cannot read " + accessor + " to encode it", e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new MaterializationException("Cannot read " + field + " to encode it", e);
        }
    }
}
