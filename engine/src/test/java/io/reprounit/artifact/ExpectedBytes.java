package io.reprounit.artifact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Canonical bytes written out by hand, token by token, as {@link CanonicalFormat}'s grammar spells them. */
final class ExpectedBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ExpectedBytes of() {
        return new ExpectedBytes();
    }

    ExpectedBytes tag(byte tag) {
        out.write(tag);
        return this;
    }

    ExpectedBytes varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    ExpectedBytes i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    ExpectedBytes i32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    ExpectedBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    ExpectedBytes string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return tag(CanonicalFormat.STRING).varint(utf8.length).raw(utf8);
    }

    ExpectedBytes name(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return tag(CanonicalFormat.NAME).varint(utf8.length).raw(utf8);
    }

    ExpectedBytes integer(long value) {
        return tag(CanonicalFormat.INT).i64(value);
    }

    ExpectedBytes f64(double value) {
        return tag(CanonicalFormat.F64).i64(Double.doubleToLongBits(value));
    }

    ExpectedBytes ref(int up, int ordinal) {
        return tag(CanonicalFormat.REF).varint(up).varint(ordinal);
    }

    ExpectedBytes end() {
        return tag(CanonicalFormat.END);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Whether {@code bytes} holds {@code part} somewhere, in one piece. */
    static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (bytes[i + k] != part[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
