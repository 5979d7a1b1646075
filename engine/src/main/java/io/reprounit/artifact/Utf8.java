package io.reprounit.artifact;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 of the canonical form's strings and names, extended to every Java string: a surrogate that is not half of
 * a pair is written as the three bytes of its code unit (as WTF-8 does), where the JDK's encoder writes {@code ?}, so
 * that {@code "x\uD83D"}, {@code "x\uD83C"} and {@code "x?"} (text cut in the middle of an emoji) keep distinct digests.
 * Every other string is its standard UTF-8.
 */
final class Utf8 {

    private Utf8() {}

    static byte[] encode(String text) {
        if (!hasLoneSurrogate(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length() * 3);
        for (int i = 0; i < text.length(); ) {
            int code = text.codePointAt(i);
            i += Character.charCount(code);
            if (code < 0x80) {
                out.write(code);
            } else if (code < 0x800) {
                out.write(0xC0 | code >>> 6);
                out.write(0x80 | code & 0x3F);
            } else if (code < 0x10000) { // a lone surrogate too: codePointAt gives its code unit
                out.write(0xE0 | code >>> 12);
                out.write(0x80 | code >>> 6 & 0x3F);
                out.write(0x80 | code & 0x3F);
            } else {
                out.write(0xF0 | code >>> 18);
                out.write(0x80 | code >>> 12 & 0x3F);
                out.write(0x80 | code >>> 6 & 0x3F);
                out.write(0x80 | code & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** The string {@link #encode} wrote; a byte that begins no sequence reads as U+FFFD. */
    static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf('\uFFFD') < 0 ? text : decodeLoneSurrogates(bytes);
    }

    private static String decodeLoneSurrogates(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int n = bytes.length;
        for (int i = 0; i < n; ) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
            } else if ((b & 0xE0) == 0xC0 && continued(bytes, i, 1)) {
                out.append((char) ((b & 0x1F) << 6 | bytes[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF0) == 0xE0 && continued(bytes, i, 2)) {
                out.append((char) ((b & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F));
                i += 3;
            } else if ((b & 0xF8) == 0xF0 && continued(bytes, i, 3)) {
                out.appendCodePoint((b & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6
                        | bytes[i + 3] & 0x3F);
                i += 4;
            } else {
                out.append('\uFFFD');
                i++;
            }
        }
        return out.toString();
    }

    private static boolean continued(byte[] bytes, int at, int count) {
        if (at + count >= bytes.length) {
            return false;
        }
        for (int k = 1; k <= count; k++) {
            if ((bytes[at + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
