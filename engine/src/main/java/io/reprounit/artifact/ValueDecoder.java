package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the canonical binary form back into a value of a declared type ({@link ReadPlan}), token by token from a
 * {@link CanonicalReader}. Walks nested structures with a stack of its own, as {@link ValueEncoder} does, so that a
 * chain of a million nodes reads like any other value. Every container is numbered in its scope as the writer numbers
 * it ({@link CanonicalFormat}), so that a {@code REF} gives back the very object it refers to: a shared object reads
 * back as one object, and a cycle through classes as a cycle. A container whose object is only made at its end (a
 * record, an array) cannot be referred to from inside itself: such a cycle is said to be unreadable.
 *
 * <p>It also says whether what it read is {@linkplain #writtenAsRead() written again as it was read}, proven by the
 * forms it met, so that the caller may skip materializing the value again to verify it.
 */
final class ValueDecoder {

    /** The object of a container begun but not yet made. */
    private static final Object PENDING = new Object();

    private final CanonicalReader in;
    private final ReadPlans plans;
    private final StoredValue.Context context;
    private final List<List<Object>> scopes = new ArrayList<>();
    private final List<DecodingFrame> stack = new ArrayList<>();
    /** Whether every token so far is one that the writer writes again, token for token, from what was made of it. */
    private boolean writtenAsRead = true;

    ValueDecoder(CanonicalReader in, ReadPlans plans, StoredValue.Context context) {
        this.in = in;
        this.plans = plans;
        this.context = context;
    }

    /** The whole value, read as {@code plan}; reads the stream to its end, so that it is verified there. */
    @Nullable Object read(ReadPlan plan) {
        DecodingFrame.Root root = new DecodingFrame.Root(plan);
        stack.add(root);
        scopes.add(new ArrayList<>());
        for (Kind kind = in.next(); kind != Kind.EOF; kind = in.next()) {
            token(kind);
        }
        if (stack.size() != 1) {
            throw new ReadFailure("the stored value ends before its containers do");
        }
        return root.value;
    }

    /** One token: a method of its own, so that it is compiled after a few hundred tokens, long before the loop is. */
    private void token(Kind kind) {
        DecodingFrame top = stack.get(stack.size() - 1);
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

    /**
     * Whether the value read, materialized again with no normalizer, gives exactly the bytes it was read from: so
     * where they were verified against their digest as they were read, the value has that digest too. Proven only for
     * what {@link ValueEncoder} writes one way and this decoder makes exactly: {@code double[]} from a non-empty F64S
     * whose NaNs are the writer's one NaN, {@code long[]} from a non-empty INTS, {@code byte[]} from BYTES, an empty
     * {@code double[]} or {@code long[]} from an empty ARRAY, arrays of such arrays (a declared array type of arrays is
     * the class of every value it holds), null, and a REF to a container read before. Anything else — scalars, whose
     * declared type may hold what another type wrote, classes, records, collections, maps, optionals, what a
     * materializer reads — is not proven here, and the caller verifies by materializing again.
     */
    boolean writtenAsRead() {
        return writtenAsRead;
    }

    private void begin(Kind kind, DecodingFrame parent) {
        ReadPlan plan = parent.next();
        if (parent.scoped()) {
            scopes.add(new ArrayList<>());
        }
        if (plan instanceof ReadPlan.OptionalOf) {
            writtenAsRead = false;
        }
        while (plan instanceof ReadPlan.OptionalOf optional) {
            plan = optional.inner();
        }
        if (plan instanceof ReadPlan.Materialized materialized) {
            writtenAsRead = false;
            deliver(materialized(materialized));
        } else if (kind == Kind.REF) {
            deliver(referred(plan));
        } else if (kind.isScalar()) {
            if (kind != Kind.NULL || plan instanceof ReadPlan.Scalar) {
                writtenAsRead = false;
            }
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
            boolean nonEmpty = in.count() > 0;
            Object value = PackedReads.read(in, kind, plan);
            if (!(plan instanceof ReadPlan.PrimitiveArray && (kind == Kind.BYTES && value instanceof byte[]
                    || nonEmpty && kind == Kind.INTS && value instanceof long[]
                    || nonEmpty && kind == Kind.F64S && value instanceof double[] doubles
                            && PackedReads.writtenAsRead(doubles)))) {
                writtenAsRead = false;
            }
            scope.set(ordinal, value);
            deliver(value);
        } else {
            stack.add(open(kind, plan));
        }
    }

    private DecodingFrame open(Kind kind, ReadPlan plan) {
        List<Object> scope = currentScope();
        DecodingFrame frame;
        if (kind == Kind.OBJECT && plan instanceof ReadPlan.ClassOf object) {
            frame = new DecodingFrame.ClassObject(object);
        } else if (kind == Kind.OBJECT && plan instanceof ReadPlan.RecordOf record) {
            frame = new DecodingFrame.RecordObject(record);
        } else if ((kind == Kind.ARRAY || kind == Kind.SET) && plan instanceof ReadPlan.CollectionOf collection) {
            frame = new DecodingFrame.CollectionElements(collection, kind == Kind.SET);
        } else if (kind == Kind.ARRAY && (plan instanceof ReadPlan.ObjectArray || plan instanceof ReadPlan.PrimitiveArray)) {
            frame = new DecodingFrame.ArrayElements(plan);
            // An element of a primitive array is a scalar, which clears the proof: only an empty one keeps it.
            writtenAsRead &= plan.type() == double[].class || plan.type() == long[].class
                    || plan instanceof ReadPlan.ObjectArray && arraysOfProvenArrays(plan.type());
        } else if (kind == Kind.MAP && plan instanceof ReadPlan.MapOf map) {
            frame = new DecodingFrame.MapEntries(map);
        } else {
            throw ScalarReads.mismatch("a " + kind, plan.type());
        }
        if (!(frame instanceof DecodingFrame.ArrayElements)) {
            writtenAsRead = false;
        }
        frame.scope = scope;
        frame.ordinal = scope.size();
        scope.add(frame.made() == null ? PENDING : frame.made());
        return frame;
    }

    /** {@code double[][]}, {@code long[][][]}…: arrays whose elements are arrays, down to double, long or byte arrays. */
    private static boolean arraysOfProvenArrays(Class<?> type) {
        Class<?> element = type.getComponentType();
        return element != null && (element == double[].class || element == long[].class || element == byte[].class
                || arraysOfProvenArrays(element));
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
        DecodingFrame parent = stack.get(stack.size() - 1);
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
}
