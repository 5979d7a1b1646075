package io.reprounit.artifact;

/** Binary content as lines of 16 bytes, the way {@code xxd} shows it, so that a text diff lines up the differences. */
final class HexDump {

    private HexDump() {}

    static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4);
        for (int offset = 0; offset < bytes.length; offset += 16) {
            out.append(String.format(java.util.Locale.ROOT, "%08x:", offset));
            int end = Math.min(offset + 16, bytes.length);
            for (int i = offset; i < end; i++) {
                out.append(i % 2 == 0 ? " " : "").append(String.format(java.util.Locale.ROOT, "%02x", bytes[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
