package io.reprounit.artifact;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How to read back a value of one declared type, worked out by {@link ReadPlans}: the stored form carries no Java
 * types, so the declared type chooses what each token becomes. Members of classes and records are planned when first
 * met, so that a recursive type (a linked node) plans in finite time.
 */
sealed interface ReadPlan {

    /** The class of the values this plan makes, for checking what a {@code REF} refers to. */
    Class<?> type();

    /** One scalar token: a number, boolean, string (text, enum name, value-based JDK type). */
    record Scalar(Class<?> type) implements ReadPlan {}

    /** A {@code byte[]} from {@code BYTES}, or any other primitive array from a packed form or an {@code ARRAY}. */
    record PrimitiveArray(Class<?> type) implements ReadPlan {}

    record ObjectArray(Class<?> type, ReadPlan element) implements ReadPlan {}

    record CollectionOf(Class<?> type, Supplier<Collection<Object>> factory, ReadPlan element) implements ReadPlan {}

    record MapOf(Class<?> type, Supplier<Map<Object, Object>> factory, ReadPlan key, ReadPlan value)
            implements ReadPlan {}

    /** An {@code Optional}, stored as its value or null. */
    record OptionalOf(ReadPlan inner) implements ReadPlan {
        @Override
        public Class<?> type() {
            return java.util.Optional.class;
        }
    }

    /** A type a registered {@link Materializer} writes, read back by it. */
    record Materialized(Class<?> type, Type declared, Materializer materializer) implements ReadPlan {}

    /** A record: its components by name, made through its canonical constructor once all are read. */
    record RecordOf(Class<?> type, Map<String, Integer> index, Type[] componentTypes, Constructor<?> constructor,
            ReadPlans plans) implements ReadPlan {

        ReadPlan component(int i) {
            return plans.plan(componentTypes[i]);
        }
    }

    /** Any other class, made by its no-arg constructor and filled field by field, by the names the writer gives. */
    record ClassOf(Class<?> type, Map<String, Field> fields, Map<String, Type> fieldTypes, Constructor<?> constructor,
            ReadPlans plans) implements ReadPlan {

        @Nullable Field field(String name) {
            return fields.get(name);
        }

        ReadPlan member(String name) {
            return plans.plan(java.util.Objects.requireNonNull(fieldTypes.get(name)));
        }
    }
}
