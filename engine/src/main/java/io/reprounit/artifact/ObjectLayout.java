package io.reprounit.artifact;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The members of one class, sorted by name, and how to read each: a record's components through their accessors; any
 * other class's fields, inherited ones included (transient, static and synthetic fields left out, a shadowed one named
 * by its declaring class), after its {@code $class}. Worked out once per class.
 */
final class ObjectLayout {

    private final String[] names;
    /** Per member of a primitive type: how to write it with no box per value; null for the others. */
    private final @Nullable PrimitiveReader[] primitives;
    /** Each name's whole {@code NAME} token, encoded once. */
    private final byte[][] nameTokens;
    /** Per member: its accessor, its field, or the class name (for {@code $class}). */
    private final Object[] readers;

    /** How to write the object whole, where every member is of a primitive type or a string; else null. */
    private final @Nullable FlatObject flat;

    /** Whether every member is declared as a scalar, so that the object can hold no other structure. */
    private final boolean holdsOnlyScalars;

    /** Why objects of this class cannot be read by their members, or null where they can. */
    private final @Nullable String unsupported;

    private ObjectLayout(Map<String, Object> members) {
        this(members, null);
    }

    private ObjectLayout(Map<String, Object> members, @Nullable String unsupported) {
        this.unsupported = unsupported;
        this.names = members.keySet().toArray(String[]::new);
        this.readers = members.values().toArray();
        this.primitives = new PrimitiveReader[readers.length];
        for (int i = 0; i < readers.length; i++) {
            if (readers[i] instanceof java.lang.reflect.AccessibleObject member) {
                primitives[i] = PrimitiveReader.of(member);
            }
        }
        this.nameTokens = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            ChunkBuffer token = ChunkBuffer.inMemory();
            token.writeByte(CanonicalFormat.NAME);
            token.writeLengthAndUtf8(names[i]);
            nameTokens[i] = token.toByteArray();
        }
        boolean scalars = true;
        for (Object reader : readers) {
            scalars &= reader instanceof String || isScalar(reader instanceof Field field ? field.getType()
                    : ((Method) reader).getReturnType());
        }
        this.holdsOnlyScalars = scalars;
        this.flat = unsupported == null ? FlatObject.of(names, nameTokens, readers) : null;
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || type == String.class || type == Boolean.class || type == Character.class
                || type == Double.class || type == Float.class || type == Long.class || type == Integer.class
                || type == Short.class || type == Byte.class || type == BigInteger.class || type == BigDecimal.class
                || type.isEnum();
    }

    /**
     * Whether the object is a plain value: every member declared as a number, text, boolean or enum. Such an object
     * cannot take part in a cycle, and is small, so it is written in full wherever it appears rather than referred to
     * where it is shared: then sharing an instance or holding an equal copy gives the same bytes, and a large output
     * of such rows need not remember each one.
     */
    boolean holdsOnlyScalars() {
        return holdsOnlyScalars;
    }

    /**
     * The layout of {@code type}, worked out once per class and kept with it (a {@link ClassValue}, so a class can still
     * be unloaded): its readers are classes of their own, too costly to make for every output digested.
     */
    static ObjectLayout of(Class<?> type) {
        return LAYOUTS.get(type);
    }

    private static final ClassValue<ObjectLayout> LAYOUTS = new ClassValue<>() {
        @Override
        protected ObjectLayout computeValue(Class<?> type) {
            return workedOut(type);
        }
    };

    private static ObjectLayout workedOut(Class<?> type) {
        Map<String, Object> members = new TreeMap<>();
        if (!type.isRecord() && (ObjectEncoder.isPlatformClass(type) || type.isSynthetic() || type.isHidden())) {
            return new ObjectLayout(members, type.isSynthetic() || type.isHidden()
                    ? "a lambda or generated class has no state to compare" : "it is a JDK type without a value of its own");
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.trySetAccessible();
                members.put(component.getName(), accessor);
            }
            return new ObjectLayout(members);
        }
        members.put("$class", type.getName());
        fields(type).forEach((name, field) -> {
            field.trySetAccessible();
            members.put(name, field);
        });
        return new ObjectLayout(members);
    }

    /**
     * The fields of a class that is not a record, by the names they are written under: every instance field that is
     * neither transient nor synthetic, up to the first JDK superclass; a field hidden by a subclass's field of the same
     * name is {@code Owner.name}. Reading back fills the same fields by the same names.
     */
    static Map<String, Field> fields(Class<?> type) {
        Map<String, Field> fields = new java.util.LinkedHashMap<>();
        for (Class<?> owner = type; owner != null && !ObjectEncoder.isPlatformClass(owner); owner = owner.getSuperclass()) {
            for (Field field : owner.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                fields.put(fields.containsKey(field.getName()) ? owner.getSimpleName() + "." + field.getName()
                        : field.getName(), field);
            }
        }
        return fields;
    }

    @Nullable FlatObject flat() {
        return flat;
    }

    @Nullable String unsupported() {
        return unsupported;
    }

    int size() {
        return names.length;
    }

    String name(int member) {
        return names[member];
    }

    @Nullable PrimitiveReader primitive(int member) {
        return primitives[member];
    }

    byte[] nameToken(int member) {
        return nameTokens[member];
    }

    /** The value of one member of {@code target}; {@code encoder} says where it sits when it cannot be read. */
    @Nullable Object read(Object target, int member, ValueEncoder encoder) {
        Object reader = readers[member];
        if (reader instanceof Field field) {
            return read(field, target, encoder);
        }
        if (reader instanceof Method accessor) {
            return invoke(accessor, target, encoder);
        }
        return reader;
    }

    private static @Nullable Object invoke(Method accessor, Object target, ValueEncoder encoder) {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            throw new MaterializationException(accessor + " threw while " + encoder.path() + " was encoded",
                    e.getCause() != null ? e.getCause() : e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MaterializationException("Cannot read " + accessor + " to encode " + encoder.path(), e);
        }
    }

    private static @Nullable Object read(Field field, Object target, ValueEncoder encoder) {
        if (!field.canAccess(target)) {
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
