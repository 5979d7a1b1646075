package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes under a {@link CanonicalReader}: a stream read through a buffer of its own, with the grammar's primitives
 * (varints, big-endian integers, length-prefixed bytes) and bulk reads of packed elements through buffer views.
 */
final class CanonicalInput {

    private static final int BUFFER = 64 * 1024;
    /** Up to this many packed elements are read one by one rather than through a buffer view. */
    private static final int FEW = 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    /** The offset in the stream of {@code buffer[0]}. */
    private long bufferOffset;

    CanonicalInput(InputStream in) {
        this.in = requireNonNull(in);
    }

    long offset() {
        return bufferOffset + position;
    }

    /** The next byte, unsigned, without taking it; -1 at the end of the stream. */
    int peek() {
        return available(1) ? buffer[position] & 0xFF : -1;
    }

    void advance() {
        position++;
    }

    long readVarint(String of) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!available(1)) {
                throw endOfStream("the rest of " + of);
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (value < 0) {
                    throw malformed(of + " below 2^63", "a larger one");
                }
                return value;
            }
        }
        throw malformed(of + " of at most 10 bytes", "a longer one");
    }

    /** A length prefix that a Java array can hold. */
    int readLength(String of) {
        long length = readVarint("the length of " + of);
        if (length > Integer.MAX_VALUE - 8) {
            throw malformed("the length of " + of, Long.toString(length));
        }
        return (int) length;
    }

    long readLong() {
        if (!available(8)) {
            throw endOfStream("8 bytes");
        }
        long value = longAt(position);
        position += 8;
        return value;
    }

    /** The big-endian long at {@code at} in the buffer. */
    private long longAt(int at) {
        byte[] b = buffer;
        return (long) b[at] << 56 | (b[at + 1] & 0xFFL) << 48 | (b[at + 2] & 0xFFL) << 40 | (b[at + 3] & 0xFFL) << 32
                | (b[at + 4] & 0xFFL) << 24 | (b[at + 5] & 0xFFL) << 16 | (b[at + 6] & 0xFFL) << 8 | b[at + 7] & 0xFFL;
    }

    int readInt() {
        if (!available(4)) {
            throw endOfStream("4 bytes");
        }
        int value = ByteBuffer.wrap(buffer, position, 4).getInt();
        position += 4;
        return value;
    }

    /** Grows its array as the bytes arrive, so that a damaged length fails as a short stream, not a huge allocation. */
    byte[] readBytes(int length) {
        byte[] bytes = new byte[Math.min(length, BUFFER)];
        int done = 0;
        while (done < length) {
            if (done == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int chunk = bytes.length - done;
            readFully(bytes, done, chunk);
            done += chunk;
        }
        return bytes;
    }

    void readFully(byte[] into, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (!available(1)) {
                throw endOfStream((length - done) + " more bytes");
            }
            int chunk = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, into, offset + done, chunk);
            position += chunk;
            done += chunk;
        }
    }

    void readLongs(long[] into, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (!available(8)) {
                throw endOfStream((length - done) + " more elements");
            }
            int chunk = Math.min(length - done, (limit - position) / 8);
            ByteBuffer.wrap(buffer, position, chunk * 8).asLongBuffer().get(into, offset + done, chunk);
            position += chunk * 8;
            done += chunk;
        }
    }

    /** The next {@code length} 8-byte elements as doubles, bit for bit. */
    void readDoubles(double[] into, int offset, int length) {
        if (length <= FEW && available(length * 8)) {
            // A short row, such as a point: no buffer views, which cost more than the copy until compiled.
            for (int i = 0; i < length; i++) {
                into[offset + i] = Double.longBitsToDouble(longAt(position));
                position += 8;
            }
            return;
        }
        int done = 0;
        while (done < length) {
            if (!available(8)) {
                throw endOfStream((length - done) + " more elements");
            }
            int chunk = Math.min(length - done, (limit - position) / 8);
            ByteBuffer.wrap(buffer, position, chunk * 8).asDoubleBuffer().get(into, offset + done, chunk);
            position += chunk * 8;
            done += chunk;
        }
    }

    void readInts(int[] into, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (!available(4)) {
                throw endOfStream((length - done) + " more elements");
            }
            int chunk = Math.min(length - done, (limit - position) / 4);
            ByteBuffer.wrap(buffer, position, chunk * 4).asIntBuffer().get(into, offset + done, chunk);
            position += chunk * 4;
            done += chunk;
        }
    }

    /** Skips {@code bytes} bytes, through the stream's own skip where they are not buffered. */
    void skip(long bytes, String of) {
        int buffered = (int) Math.min(bytes, limit - position);
        position += buffered;
        long rest = bytes - buffered;
        try {
            while (rest > 0) {
                long skipped = in.skip(rest);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw endOfStream("the rest of " + of);
                    }
                    skipped = 1;
                }
                rest -= skipped;
                bufferOffset += skipped;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the canonical form", e);
        }
    }

    /** Whether {@code bytes} (at most the buffer's size) are buffered, reading more where needed. */
    private boolean available(int bytes) {
        if (limit - position >= bytes) {
            return true;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        bufferOffset += position;
        limit -= position;
        position = 0;
        try {
            while (limit < bytes) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    return false;
                }
                limit += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the canonical form", e);
        }
        return true;
    }

    MalformedCanonicalFormException malformed(String expected, String found) {
        return new MalformedCanonicalFormException(offset(), expected, found, false);
    }

    MalformedCanonicalFormException endOfStream(String expected) {
        return new MalformedCanonicalFormException(offset(), expected, "the end of the stream", true);
    }
}
