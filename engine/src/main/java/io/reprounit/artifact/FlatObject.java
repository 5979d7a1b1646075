package io.reprounit.artifact;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * An object whose members are all of primitive types or strings, such as a row of a table, written whole in one call:
 * the very bytes that the member-by-member walk gives ({@code OBJECT (NAME len utf8 value)* END}), without a frame, a
 * token check or a box per member. A list of a million rows is mostly this. Members are read through
 * {@link MemberReaders} made once per class; a class with any other member, or one that cannot be read so, is walked
 * as usual.
 */
final class FlatObject {

    private static final byte DOUBLE = 0;
    private static final byte FLOAT = 1;
    private static final byte LONG = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;
    private static final byte CONSTANT = 5;

    /** Per member, in the order of their names: its {@code NAME} token, how it is written, and how it is read. */
    private final byte[][] nameTokens;
    private final byte[] kinds;
    /** Per member: its reader, of the interface its kind names ({@link MemberReaders}); null for a constant. */
    private final @Nullable Object[] readers;
    /** Per member: its accessor or field, to name it when reading fails; or, for {@code $class}, the class name. */
    private final Object[] members;
    private final String[] names;

    private FlatObject(byte[][] nameTokens, byte[] kinds, @Nullable Object[] readers, Object[] members, String[] names) {
        this.nameTokens = nameTokens;
        this.kinds = kinds;
        this.readers = readers;
        this.members = members;
        this.names = names;
    }

    /**
     * How to write objects whose members are {@code members} (accessors, fields, or a constant string), named
     * {@code names}; null where some member is of another type or cannot be read but reflectively.
     */
    static @Nullable FlatObject of(String[] names, byte[][] nameTokens, Object[] members) {
        byte[] kinds = new byte[members.length];
        @Nullable Object[] readers = new @Nullable Object[members.length];
        for (int i = 0; i < members.length; i++) {
            if (members[i] instanceof String) {
                kinds[i] = CONSTANT;
                continue;
            }
            AccessibleObject member = (AccessibleObject) members[i];
            Class<?> type = member instanceof Field field ? field.getType() : ((Method) member).getReturnType();
            if (type == double.class || type == float.class) {
                kinds[i] = type == double.class ? DOUBLE : FLOAT;
                readers[i] = MemberReaders.of(member, double.class);
            } else if (type == long.class || type == int.class || type == short.class || type == byte.class) {
                kinds[i] = LONG;
                readers[i] = MemberReaders.of(member, long.class);
            } else if (type == boolean.class || type == String.class) {
                kinds[i] = type == boolean.class ? BOOLEAN : STRING;
                readers[i] = MemberReaders.of(member, type);
            } else {
                return null;
            }
            if (readers[i] == null) {
                return null;
            }
        }
        return new FlatObject(nameTokens, kinds, readers, members, names);
    }

    /** Writes {@code target} whole; {@code digits} rounds its floating-point members, where the step asks. */
    void write(Object target, ChunkBuffer out, @Nullable SignificantDigits digits, ValueEncoder encoder) {
        out.writeByte(CanonicalFormat.OBJECT);
        for (int i = 0; i < kinds.length; i++) {
            out.writeToken(nameTokens[i]);
            switch (kinds[i]) {
                case DOUBLE -> {
                    double value = readDouble(i, target, encoder);
                    out.writeTagAndLong(CanonicalFormat.F64,
                            Double.doubleToLongBits(digits == null ? value : digits.round(value)));
                }
                case LONG -> out.writeTagAndLong(CanonicalFormat.INT, readLong(i, target, encoder));
                case BOOLEAN -> out.writeByte(readBoolean(i, target, encoder) ? CanonicalFormat.TRUE
                        : CanonicalFormat.FALSE);
                case STRING -> string(out, (String) read(i, target, encoder));
                case FLOAT -> {
                    float value = (float) readDouble(i, target, encoder); // read widened: exact
                    out.writeByte(CanonicalFormat.F32);
                    out.writeInt(Float.floatToIntBits(digits == null ? value : digits.round(value)));
                }
                default -> string(out, (String) members[i]);
            }
        }
        out.writeByte(CanonicalFormat.END);
    }

    private static void string(ChunkBuffer out, @Nullable String text) {
        if (text == null) {
            out.writeByte(CanonicalFormat.NULL);
        } else {
            out.writeByte(CanonicalFormat.STRING);
            out.writeLengthAndUtf8(text);
        }
    }

    // One reader per kind, each read as its interface says, with no box.

    @SuppressWarnings("unchecked")
    private double readDouble(int member, Object target, ValueEncoder encoder) {
        try {
            return ((ToDoubleFunction<Object>) reader(member)).applyAsDouble(target);
        } catch (Throwable e) {
            throw failed(member, encoder, e);
        }
    }

    @SuppressWarnings("unchecked")
    private long readLong(int member, Object target, ValueEncoder encoder) {
        try {
            return ((ToLongFunction<Object>) reader(member)).applyAsLong(target);
        } catch (Throwable e) {
            throw failed(member, encoder, e);
        }
    }

    @SuppressWarnings("unchecked")
    private boolean readBoolean(int member, Object target, ValueEncoder encoder) {
        try {
            return ((Predicate<Object>) reader(member)).test(target);
        } catch (Throwable e) {
            throw failed(member, encoder, e);
        }
    }

    @SuppressWarnings("unchecked")
    private @Nullable Object read(int member, Object target, ValueEncoder encoder) {
        try {
            return ((Function<Object, Object>) reader(member)).apply(target);
        } catch (Throwable e) {
            throw failed(member, encoder, e);
        }
    }

    private Object reader(int member) {
        return java.util.Objects.requireNonNull(readers[member]);
    }

    private MaterializationException failed(int member, ValueEncoder encoder, Throwable e) {
        Throwable cause = e instanceof java.lang.reflect.UndeclaredThrowableException undeclared
                && undeclared.getCause() != null ? undeclared.getCause() : e;
        return new MaterializationException(members[member] + " threw while " + encoder.path() + "." + names[member]
                + " was encoded", cause);
    }
}
