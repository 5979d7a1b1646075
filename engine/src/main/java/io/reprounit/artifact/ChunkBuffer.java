package io.reprounit.artifact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The bytes being written: either a fixed chunk that is handed to a {@link ByteSink} whenever it fills, so that no
 * output is ever whole in memory, or, with no sink, a buffer that grows, for a detached encoding that is sorted among
 * its siblings before it is copied out.
 */
final class ChunkBuffer {

    static final int CHUNK = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final @Nullable ByteSink sink;
    private byte[] bytes;
    private int position;

    private ChunkBuffer(@Nullable ByteSink sink, int capacity) {
        this.sink = sink;
        this.bytes = new byte[capacity];
    }

    /** A chunk that flushes to {@code sink}. */
    static ChunkBuffer streaming(ByteSink sink) {
        return new ChunkBuffer(java.util.Objects.requireNonNull(sink), CHUNK);
    }

    /** A buffer that keeps everything written to it. */
    static ChunkBuffer inMemory() {
        return new ChunkBuffer(null, 64);
    }

    /** Room for at least {@code length} more bytes (at most {@link #CHUNK}). */
    private void ensure(int length) {
        if (bytes.length - position >= length) {
            return;
        }
        if (sink != null) {
            flush();
        } else {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + length));
        }
    }

    void flush() {
        if (sink != null && position > 0) {
            sink.write(bytes, 0, position);
            position = 0;
        }
    }

    void writeByte(int value) {
        ensure(1);
        bytes[position++] = (byte) value;
    }

    /** An unsigned LEB128 varint. */
    void writeVarint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[position++] = (byte) rest;
    }

    void writeLong(long value) {
        ensure(8);
        LONGS.set(bytes, position, value);
        position += 8;
    }

    /** A tag and its big-endian operand, such as {@code F64 u64}: one check for room, not two. */
    void writeTagAndLong(byte tag, long value) {
        ensure(9);
        bytes[position] = tag;
        LONGS.set(bytes, position + 1, value);
        position += 9;
    }

    /** A short token encoded once, such as a member's {@code NAME len utf8}: copied byte by byte, as it is short. */
    void writeToken(byte[] token) {
        if (token.length > CHUNK) {
            write(token, 0, token.length);
            return;
        }
        ensure(token.length);
        byte[] chunk = bytes;
        int at = position;
        for (int i = 0; i < token.length; i++) {
            chunk[at + i] = token[i];
        }
        position = at + token.length;
    }

    void writeInt(int value) {
        ensure(4);
        INTS.set(bytes, position, value);
        position += 4;
    }

    void write(byte[] source, int offset, int length) {
        if (sink == null) {
            ensure(length);
            System.arraycopy(source, offset, bytes, position, length);
            position += length;
            return;
        }
        int written = 0;
        while (written < length) {
            ensure(1);
            int part = Math.min(length - written, bytes.length - position);
            System.arraycopy(source, offset + written, bytes, position, part);
            position += part;
            written += part;
        }
    }

    /**
     * Doubles as {@code doubleToLongBits}, big-endian: every NaN the same. One pass of raw bits that notes whether a
     * NaN passed, so that only a chunk holding one is written again with its NaNs made canonical.
     */
    void writeDoubles(double[] values, int from, int to) {
        int i = from;
        while (i < to) {
            ensure(8);
            int end = Math.min(to, i + (bytes.length - position) / 8);
            byte[] chunk = bytes;
            int at = position;
            boolean nan = false;
            for (int k = i; k < end; k++, at += 8) {
                double value = values[k];
                nan |= value != value;
                LONGS.set(chunk, at, Double.doubleToRawLongBits(value));
            }
            if (nan) {
                at = position;
                for (int k = i; k < end; k++, at += 8) {
                    LONGS.set(chunk, at, Double.doubleToLongBits(values[k]));
                }
            }
            position = at;
            i = end;
        }
    }

    /** Floats as {@code floatToIntBits}, big-endian. */
    void writeFloats(float[] values, int from, int to) {
        int i = from;
        while (i < to) {
            ensure(4);
            int end = Math.min(to, i + (bytes.length - position) / 4);
            byte[] chunk = bytes;
            int at = position;
            for (; i < end; i++, at += 4) {
                INTS.set(chunk, at, Float.floatToIntBits(values[i]));
            }
            position = at;
        }
    }

    /** Longs, big-endian. */
    void writeLongs(long[] values, int from, int to) {
        int i = from;
        while (i < to) {
            ensure(8);
            int end = Math.min(to, i + (bytes.length - position) / 8);
            byte[] chunk = bytes;
            int at = position;
            for (; i < end; i++, at += 8) {
                LONGS.set(chunk, at, values[i]);
            }
            position = at;
        }
    }

    /**
     * A string's UTF-8 ({@link Utf8}: lone surrogates kept) length and bytes; ASCII, the usual case, straight into the
     * chunk with no copy made.
     */
    void writeLengthAndUtf8(String text) {
        int length = text.length();
        if (length <= 4096) {
            ensure(length + 2);
            int start = position;
            byte[] chunk = bytes;
            chunk[start] = (byte) length;
            int at = start + (length < 0x80 ? 1 : 2);
            int i = 0;
            for (; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                chunk[at + i] = (byte) c;
            }
            if (i == length) {
                if (length >= 0x80) {
                    chunk[start] = (byte) ((length & 0x7F) | 0x80);
                    chunk[start + 1] = (byte) (length >>> 7);
                }
                position = at + length;
                return;
            }
        }
        byte[] utf8 = Utf8.encode(text);
        writeVarint(utf8.length);
        write(utf8, 0, utf8.length);
    }

    /** The bytes of an in-memory buffer. */
    byte[] toByteArray() {
        if (sink != null) {
            throw new IllegalStateException("A streaming chunk does not keep what it flushed");
        }
        return Arrays.copyOf(bytes, position);
    }
}
