package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Binary content as lines of 16 bytes, the way {@code xxd} shows it, so that a text diff lines up the differences. */
@API(status = INTERNAL, since = "0.1")
public final class HexDump {

    /** Bytes shown on one line. */
    public static final int WIDTH = 16;

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDump() {}

    static String of(byte[] bytes) {
        return lines(bytes, 0, bytes.length);
    }

    /**
     * The lines that show {@code [from, to)} of {@code bytes}, {@code from} rounded down to a line's start; each line
     * starts with the offset of its first byte.
     */
    public static String lines(byte[] bytes, int from, int to) {
        int start = from - from % WIDTH;
        int end = Math.min(to, bytes.length);
        StringBuilder out = new StringBuilder(Math.max(0, end - start) * 3 + 16);
        for (int offset = start; offset < end; offset += WIDTH) {
            hex(out, offset >>> 16, 4);
            hex(out, offset & 0xFFFF, 4);
            out.append(':');
            int last = Math.min(offset + WIDTH, end);
            for (int i = offset; i < last; i++) {
                if (i % 2 == 0) {
                    out.append(' ');
                }
                hex(out, bytes[i] & 0xFF, 2);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(DIGITS[(value >>> shift) & 0xF]);
        }
    }
}
