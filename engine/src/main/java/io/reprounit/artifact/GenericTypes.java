package io.reprounit.artifact;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Generic type arguments resolved down through fields and superclasses, so that a {@code Box<String>}'s field
 * {@code T value} is read back as a {@code String}: what {@link ReadPlans} needs of {@code java.lang.reflect}'s types.
 */
final class GenericTypes {

    private GenericTypes() {}

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            return java.lang.reflect.Array.newInstance(raw(array.getGenericComponentType()), 0).getClass();
        }
        return Object.class; // a type variable or wildcard: nothing to go by
    }

    /** The type arguments of {@code type} by the type variables of its class. */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = raw(type).getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                bindings.put(variables[i], arguments[i]);
            }
        }
        return bindings;
    }

    /** The bindings in force where {@code field} is declared: {@code type}'s, carried up its generic superclasses. */
    static Map<TypeVariable<?>, Type> bindings(Field field, Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        Map<TypeVariable<?>, Type> current = bindings;
        for (Class<?> owner = type; owner != null && owner != field.getDeclaringClass(); owner = owner.getSuperclass()) {
            Type superclass = owner.getGenericSuperclass();
            Map<TypeVariable<?>, Type> next = new HashMap<>();
            if (superclass instanceof ParameterizedType parameterized) {
                TypeVariable<?>[] variables = raw(parameterized).getTypeParameters();
                Type[] arguments = parameterized.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    next.put(variables[i], resolve(arguments[i], current));
                }
            }
            current = next;
        }
        return current;
    }

    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (bindings.isEmpty()) {
            return type;
        }
        if (type instanceof TypeVariable<?> variable) {
            return bindings.getOrDefault(variable, variable);
        }
        if (type instanceof GenericArrayType array) {
            Type component = resolve(array.getGenericComponentType(), bindings);
            return component instanceof Class<?> c ? java.lang.reflect.Array.newInstance(c, 0).getClass() : type;
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = resolve(arguments[i], bindings);
            }
            return new Parameterized(raw(parameterized), arguments, parameterized.getOwnerType());
        }
        return type;
    }

    /** A parameterized type with its variables resolved; equal to the JDK's own of the same type. */
    private static final class Parameterized implements ParameterizedType {
        private final Class<?> raw;
        private final Type[] arguments;
        private final @Nullable Type owner;

        Parameterized(Class<?> raw, Type[] arguments, @Nullable Type owner) {
            this.raw = raw;
            this.arguments = arguments;
            this.owner = owner;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public @Nullable Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof ParameterizedType that && raw.equals(that.getRawType())
                    && Objects.equals(owner, that.getOwnerType())
                    && Arrays.equals(arguments, that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String getTypeName() {
            StringBuilder name = new StringBuilder(raw.getTypeName()).append('<');
            for (int i = 0; i < arguments.length; i++) {
                name.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
            }
            return name.append('>').toString();
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }
}
