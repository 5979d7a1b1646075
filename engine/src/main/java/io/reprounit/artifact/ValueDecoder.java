package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the canonical binary form back into a value of a declared type ({@link ReadPlan}), token by token from a
 * {@link CanonicalReader}. Walks nested structures with a stack of its own, as {@link ValueEncoder} does, so that a
 * chain of a million nodes reads like any other value. Every container is numbered in its scope as the writer numbers
 * it ({@link CanonicalFormat}), so that a {@code REF} gives back the very object it refers to: a shared object reads
 * back as one object, and a cycle through classes as a cycle. A container whose object is only made at its end (a
 * record, an array) cannot be referred to from inside itself: such a cycle is said to be unreadable.
 */
final class ValueDecoder {

    /** The object of a container begun but not yet made. */
    private static final Object PENDING = new Object();

    private final CanonicalReader in;
    private final ReadPlans plans;
    private final StoredValue.Context context;
    private final List<List<Object>> scopes = new ArrayList<>();
    private final List<Frame> stack = new ArrayList<>();

    ValueDecoder(CanonicalReader in, ReadPlans plans, StoredValue.Context context) {
        this.in = in;
        this.plans = plans;
        this.context = context;
    }

    /** The whole value, read as {@code plan}; reads the stream to its end, so that it is verified there. */
    @Nullable Object read(ReadPlan plan) {
        Root root = new Root(plan);
        stack.add(root);
        scopes.add(new ArrayList<>());
        for (Kind kind = in.next(); kind != Kind.EOF; kind = in.next()) {
            Frame top = stack.get(stack.size() - 1);
            try {
                if (kind == Kind.NAME) {
                    top.name(in.string(), plans);
                } else if (kind == Kind.END) {
                    stack.remove(stack.size() - 1);
                    Object value = top.finish();
                    top.made(value);
                    deliver(value);
                } else {
                    begin(kind, top);
                }
            } catch (ReadFailure e) {
                throw new ReadFailure("at " + in.path() + ", " + e.getMessage(), e);
            }
        }
        if (stack.size() != 1) {
            throw new ReadFailure("the stored value ends before its containers do");
        }
        return root.value;
    }

    private void begin(Kind kind, Frame parent) {
        ReadPlan plan = parent.next();
        if (parent.scoped()) {
            scopes.add(new ArrayList<>());
        }
        while (plan instanceof ReadPlan.OptionalOf optional) {
            plan = optional.inner();
        }
        if (plan instanceof ReadPlan.Materialized materialized) {
            deliver(materialized(materialized));
        } else if (kind == Kind.REF) {
            deliver(referred(plan));
        } else if (kind.isScalar()) {
            if (plan instanceof ReadPlan.Scalar scalar) {
                deliver(ScalarReads.read(in, kind, scalar.type()));
            } else if (kind == Kind.NULL) {
                deliver(null);
            } else {
                throw ScalarReads.mismatch("a " + kind, plan.type());
            }
        } else if (kind.isPacked()) {
            List<Object> scope = currentScope();
            int ordinal = scope.size();
            scope.add(PENDING);
            Object value = PackedReads.read(in, kind, plan);
            scope.set(ordinal, value);
            deliver(value);
        } else {
            stack.add(open(kind, plan));
        }
    }

    private Frame open(Kind kind, ReadPlan plan) {
        List<Object> scope = currentScope();
        Frame frame;
        if (kind == Kind.OBJECT && plan instanceof ReadPlan.ClassOf object) {
            frame = new ClassFrame(object);
        } else if (kind == Kind.OBJECT && plan instanceof ReadPlan.RecordOf record) {
            frame = new RecordFrame(record);
        } else if ((kind == Kind.ARRAY || kind == Kind.SET) && plan instanceof ReadPlan.CollectionOf collection) {
            frame = new CollectionFrame(collection, kind == Kind.SET);
        } else if (kind == Kind.ARRAY && (plan instanceof ReadPlan.ObjectArray || plan instanceof ReadPlan.PrimitiveArray)) {
            frame = new ArrayFrame(plan);
        } else if (kind == Kind.MAP && plan instanceof ReadPlan.MapOf map) {
            frame = new MapFrame(map);
        } else {
            throw ScalarReads.mismatch("a " + kind, plan.type());
        }
        frame.scope = scope;
        frame.ordinal = scope.size();
        scope.add(frame.made() == null ? PENDING : frame.made());
        return frame;
    }

    private Object referred(ReadPlan plan) {
        int up = in.refUp();
        long ordinal = in.refOrdinal();
        List<Object> scope = scopes.get(scopes.size() - 1 - up);
        Object target = scope.get((int) ordinal);
        if (target == PENDING) {
            throw new ReadFailure("it refers to " + in.refTarget() + ", which contains it:"
                    + " a cycle through a record or an array cannot be made again, since either is made only once all"
                    + " it holds is read");
        }
        if (target instanceof StoredValue) {
            throw new ReadFailure("it refers to a part of what a materializer wrote");
        }
        if (!box(plan.type()).isInstance(target)) {
            throw new ReadFailure("it refers to a " + target.getClass().getName()
                    + ", where a " + plan.type().getName() + " is expected");
        }
        return target;
    }

    private Object materialized(ReadPlan.Materialized plan) {
        StoredValue stored = StoredValue.read(in, context, this::register, stack.size() == 1);
        Optional<Object> value = plan.materializer().read(stored, plan.declared());
        if (value.isEmpty()) {
            throw new ReadFailure(plan.materializer().getClass().getName() + " could not read the value back as "
                    + plan.declared().getTypeName());
        }
        return value.get();
    }

    /** Numbers a container that a materializer's value holds: it cannot be referred to as a Java object. */
    private void register(StoredValue container) {
        currentScope().add(container);
    }

    private void deliver(@Nullable Object value) {
        Frame parent = stack.get(stack.size() - 1);
        if (parent.scoped()) {
            scopes.remove(scopes.size() - 1);
        }
        parent.accept(wrapped(parent.next(), value));
    }

    private static @Nullable Object wrapped(ReadPlan plan, @Nullable Object value) {
        return plan instanceof ReadPlan.OptionalOf optional ? Optional.ofNullable(wrapped(optional.inner(), value)) : value;
    }

    private List<Object> currentScope() {
        return scopes.get(scopes.size() - 1);
    }

    private static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0).getClass() : type;
    }

    /** A container being read: what its next value is read as, and what it becomes at its END. */
    private abstract static class Frame {
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
    }

    private static final class Root extends Frame {
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

    private static final class ClassFrame extends Frame {
        private ReadPlan.ClassOf plan;
        private @Nullable Object instance;
        private @Nullable String member;
        private @Nullable Field field;

        ClassFrame(ReadPlan.ClassOf plan) {
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

    private static final class RecordFrame extends Frame {
        private final ReadPlan.RecordOf plan;
        private final @Nullable Object[] components;
        private int component = -1;

        RecordFrame(ReadPlan.RecordOf plan) {
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

    private static final class CollectionFrame extends Frame {
        private final ReadPlan.CollectionOf plan;
        private final Collection<Object> collection;
        private final boolean set;

        CollectionFrame(ReadPlan.CollectionOf plan, boolean set) {
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

    private static final class MapFrame extends Frame {
        private final ReadPlan.MapOf plan;
        private final Map<Object, Object> map;
        private boolean atKey = true;
        private @Nullable Object key;

        MapFrame(ReadPlan.MapOf plan) {
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
    private static final class ArrayFrame extends Frame {
        private final ReadPlan plan;
        private final List<@Nullable Object> elements = new ArrayList<>();

        ArrayFrame(ReadPlan plan) {
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
            Object array = Array.newInstance(plan.type().getComponentType(), elements.size());
            for (int i = 0; i < elements.size(); i++) {
                Array.set(array, i, elements.get(i));
            }
            return array;
        }
    }
}
