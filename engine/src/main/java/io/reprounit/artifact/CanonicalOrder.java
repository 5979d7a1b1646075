package io.reprounit.artifact;

import java.util.Arrays;

/**
 * The order of set elements and map keys: by their canonical bytes, except that two strings compare by their UTF-8
 * alone. A string's bytes begin with its length, which would put {@code "id"} before {@code "count"}; by its UTF-8 a map
 * reads in alphabetical order, as people expect, and the order is still a total one over the bytes.
 */
final class CanonicalOrder {

    private CanonicalOrder() {}

    static int compare(byte[] left, byte[] right) {
        if (left.length > 0 && right.length > 0 && left[0] == CanonicalFormat.STRING
                && right[0] == CanonicalFormat.STRING) {
            int leftStart = 1 + varintLength(left);
            int rightStart = 1 + varintLength(right);
            return Arrays.compareUnsigned(left, leftStart, left.length, right, rightStart, right.length);
        }
        return Arrays.compareUnsigned(left, right);
    }

    /** How many bytes the LEB128 length after the tag takes. */
    private static int varintLength(byte[] encoded) {
        int at = 1;
        while (at < encoded.length && (encoded[at] & 0x80) != 0) {
            at++;
        }
        return at;
    }
}
