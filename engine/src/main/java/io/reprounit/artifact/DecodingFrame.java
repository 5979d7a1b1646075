package io.reprounit.artifact;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One container that {@link ValueDecoder} is reading: what its next value is read as, and what it becomes at its
 * {@code END}.
 */
abstract class DecodingFrame {

    List<Object> scope = List.of();
    int ordinal;

    abstract ReadPlan next();

    void name(String name, ReadPlans plans) {
        throw new ReadFailure("stored is an object member " + name + " where no object is expected");
    }

    /** Whether each value it holds (or each key) is in a scope of its own: a set's elements, a map's keys. */
    boolean scoped() {
        return false;
    }

    abstract void accept(@Nullable Object value);

    abstract Object finish();

    /** The container's object, where it is already made (so that what it holds may refer to it); else null. */
    @Nullable Object made() {
        return null;
    }

    void made(Object value) {
        scope.set(ordinal, value);
    }

    static final class Root extends DecodingFrame {
        private final ReadPlan plan;
        @Nullable Object value;

        Root(ReadPlan plan) {
            this.plan = plan;
        }

        @Override
        ReadPlan next() {
            return plan;
        }

        @Override
        void accept(@Nullable Object value) {
            this.value = value;
        }

        @Override
        Object finish() {
            throw new ReadFailure("the stored value has an END with nothing open");
        }
    }

    static final class ClassObject extends DecodingFrame {
        private ReadPlan.ClassOf plan;
        private @Nullable Object instance;
        private @Nullable String member;
        private @Nullable Field field;

        ClassObject(ReadPlan.ClassOf plan) {
            this.plan = plan;
        }

        @Override
        void name(String name, ReadPlans plans) {
            member = name;
            if (name.equals("$class")) {
                return;
            }
            if (instance == null) {
                throw new ReadFailure("the stored object names no $class, so it is not a " + plan.type().getName());
            }
            field = plan.field(name);
            if (field == null) {
                throw new ReadFailure(plan.type().getName() + " has no field " + name + ", which is stored");
            }
        }

        @Override
        ReadPlan next() {
            if (member == null) {
                throw new ReadFailure("stored is an object value with no member name");
            }
            return member.equals("$class") ? new ReadPlan.Scalar(String.class) : plan.member(member);
        }

        @Override
        void accept(@Nullable Object value) {
            if ("$class".equals(member)) {
                if (!plan.type().getName().equals(value)) {
                    plan = plan.plans().subclassPlan(plan, String.valueOf(value));
                }
                Object made = ReadPlans.newInstance(plan.constructor());
                instance = made;
                made(made);
                return;
            }
            Field target = java.util.Objects.requireNonNull(field);
            try {
                target.set(instance, value);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new ReadFailure("cannot set field " + target.getName() + " of " + plan.type().getName() + " to "
                        + (value == null ? "null" : "a " + value.getClass().getName()) + ": " + e.getMessage(), e);
            }
        }

        @Override
        Object finish() {
            if (instance == null) {
                throw new ReadFailure("the stored object names no $class, so it is not a " + plan.type().getName());
            }
            return instance;
        }
    }

    static final class RecordObject extends DecodingFrame {
        private final ReadPlan.RecordOf plan;
        private final @Nullable Object[] components;
        private int component = -1;

        RecordObject(ReadPlan.RecordOf plan) {
            this.plan = plan;
            this.components = new Object[plan.componentTypes().length];
        }

        @Override
        void name(String name, ReadPlans plans) {
            Integer index = plan.index().get(name);
            if (index == null) {
                throw new ReadFailure(plan.type().getName() + " has no component " + name + ", which is stored");
            }
            component = index;
        }

        @Override
        ReadPlan next() {
            if (component < 0) {
                throw new ReadFailure("stored is an object value with no member name");
            }
            return plan.component(component);
        }

        @Override
        void accept(@Nullable Object value) {
            components[component] = value;
        }

        @Override
        Object finish() {
            try {
                return plan.constructor().newInstance(components);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new ReadFailure("the constructor of " + plan.type().getName() + " refused what is stored: " + cause,
                        cause);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new ReadFailure("cannot make a " + plan.type().getName() + " of what is stored: " + e, e);
            }
        }
    }

    static final class CollectionElements extends DecodingFrame {
        private final ReadPlan.CollectionOf plan;
        private final Collection<Object> collection;
        private final boolean set;

        CollectionElements(ReadPlan.CollectionOf plan, boolean set) {
            this.plan = plan;
            this.collection = plan.factory().get();
            this.set = set;
        }

        @Override
        ReadPlan next() {
            return plan.element();
        }

        @Override
        boolean scoped() {
            return set;
        }

        @Override
        void accept(@Nullable Object value) {
            collection.add(value);
        }

        @Override
        Object finish() {
            return collection;
        }

        @Override
        Object made() {
            return collection;
        }
    }

    static final class MapEntries extends DecodingFrame {
        private final ReadPlan.MapOf plan;
        private final Map<Object, Object> map;
        private boolean atKey = true;
        private @Nullable Object key;

        MapEntries(ReadPlan.MapOf plan) {
            this.plan = plan;
            this.map = plan.factory().get();
        }

        @Override
        ReadPlan next() {
            return atKey ? plan.key() : plan.value();
        }

        @Override
        boolean scoped() {
            return atKey;
        }

        @Override
        void accept(@Nullable Object value) {
            if (atKey) {
                key = value;
            } else {
                map.put(key, value);
            }
            atKey = !atKey;
        }

        @Override
        Object finish() {
            return map;
        }

        @Override
        Object made() {
            return map;
        }
    }

    /** A Java array from an {@code ARRAY}: made at its end, once its length is known. */
    static final class ArrayElements extends DecodingFrame {
        private final ReadPlan plan;
        private final List<@Nullable Object> elements = new ArrayList<>();

        ArrayElements(ReadPlan plan) {
            this.plan = plan;
        }

        @Override
        ReadPlan next() {
            return plan instanceof ReadPlan.ObjectArray array ? array.element()
                    : new ReadPlan.Scalar(plan.type().getComponentType());
        }

        @Override
        void accept(@Nullable Object value) {
            elements.add(value);
        }

        @Override
        Object finish() {
            Class<?> component = plan.type().getComponentType();
            if (!component.isPrimitive()) {
                try {
                    // One typed copy, not a reflective call per element: 100,000 rows cost that much cold.
                    return elements.toArray((Object[]) Array.newInstance(component, elements.size()));
                } catch (ArrayStoreException e) {
                    throw new IllegalArgumentException("array element type mismatch", e);
                }
            }
            Object array = Array.newInstance(component, elements.size());
            for (int i = 0; i < elements.size(); i++) {
                Array.set(array, i, elements.get(i));
            }
            return array;
        }
    }
}
