package io.reprounit.artifact;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes the canonical binary form token by token, as {@link CanonicalFormat} describes it, with no checks: so that the
 * reading side is tested on bytes made by hand, malformed ones included, independently of the encoder.
 */
final class CanonicalBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    static CanonicalBytes bytes() {
        return new CanonicalBytes();
    }

    CanonicalBytes nul() {
        return tag(CanonicalFormat.NULL);
    }

    CanonicalBytes bool(boolean value) {
        return tag(value ? CanonicalFormat.TRUE : CanonicalFormat.FALSE);
    }

    CanonicalBytes integer(long value) {
        tag(CanonicalFormat.INT);
        return io(() -> out.writeLong(value));
    }

    CanonicalBytes bigInteger(BigInteger value) {
        return tag(CanonicalFormat.BIG_INT).sized(value.toByteArray());
    }

    CanonicalBytes decimal(BigDecimal value) {
        tag(CanonicalFormat.DECIMAL);
        io(() -> out.writeInt(value.scale()));
        return sized(value.unscaledValue().toByteArray());
    }

    CanonicalBytes f64(double value) {
        tag(CanonicalFormat.F64);
        return io(() -> out.writeLong(Double.doubleToLongBits(value)));
    }

    CanonicalBytes f32(float value) {
        tag(CanonicalFormat.F32);
        return io(() -> out.writeInt(Float.floatToIntBits(value)));
    }

    CanonicalBytes string(String value) {
        return tag(CanonicalFormat.STRING).sized(value.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalBytes binary(byte[] value) {
        return tag(CanonicalFormat.BYTES).sized(value);
    }

    CanonicalBytes array() {
        return tag(CanonicalFormat.ARRAY);
    }

    CanonicalBytes set() {
        return tag(CanonicalFormat.SET);
    }

    CanonicalBytes object() {
        return tag(CanonicalFormat.OBJECT);
    }

    CanonicalBytes name(String name) {
        return tag(CanonicalFormat.NAME).sized(name.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalBytes map() {
        return tag(CanonicalFormat.MAP);
    }

    CanonicalBytes end() {
        return tag(CanonicalFormat.END);
    }

    CanonicalBytes f64s(double... values) {
        tag(CanonicalFormat.F64S).varint(values.length);
        for (double value : values) {
            io(() -> out.writeLong(Double.doubleToLongBits(value)));
        }
        return this;
    }

    CanonicalBytes f32s(float... values) {
        tag(CanonicalFormat.F32S).varint(values.length);
        for (float value : values) {
            io(() -> out.writeInt(Float.floatToIntBits(value)));
        }
        return this;
    }

    CanonicalBytes ints(long... values) {
        tag(CanonicalFormat.INTS).varint(values.length);
        for (long value : values) {
            io(() -> out.writeLong(value));
        }
        return this;
    }

    CanonicalBytes ref(long up, long ordinal) {
        return tag(CanonicalFormat.REF).varint(up).varint(ordinal);
    }

    /** Any byte, for malformed streams. */
    CanonicalBytes raw(int... values) {
        for (int value : values) {
            io(() -> out.writeByte(value));
        }
        return this;
    }

    CanonicalBytes varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            long low = rest;
            io(() -> out.writeByte((int) (low & 0x7F) | 0x80));
            rest >>>= 7;
        }
        long last = rest;
        return io(() -> out.writeByte((int) last));
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private CanonicalBytes sized(byte[] value) {
        varint(value.length);
        return io(() -> out.write(value));
    }

    private CanonicalBytes tag(byte tag) {
        return io(() -> out.writeByte(tag));
    }

    private interface Write {
        void run() throws IOException;
    }

    private CanonicalBytes io(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
