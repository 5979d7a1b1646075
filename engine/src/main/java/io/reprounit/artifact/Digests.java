package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/** SHA-256 digests, written as {@code sha256:<64 hex digits>} wherever a person or a file sees them. */
@API(status = INTERNAL, since = "0.1")
public final class Digests {

    public static final String PREFIX = "sha256:";

    private Digests() {}

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    public static String sha256(byte[] bytes) {
        return format(newSha256().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String format(byte[] digest) {
        return PREFIX + HexFormat.of().formatHex(digest);
    }

    /** Whether {@code text} is a digest as {@link #format} writes it: the prefix and 64 lowercase hex digits. */
    public static boolean isDigest(String text) {
        if (text.length() != PREFIX.length() + 64 || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The first 12 hex digits, enough to tell digests apart in a message. */
    public static String shortForm(String digest) {
        String hex = digest.startsWith(PREFIX) ? digest.substring(PREFIX.length()) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
