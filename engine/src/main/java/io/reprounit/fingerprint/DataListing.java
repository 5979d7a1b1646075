package io.reprounit.fingerprint;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The one form of a data directory: for each of its files, sorted by relative path ({@code /} on every system), the
 * path, a NUL, the file's digest and a newline, in UTF-8. Its digest is the directory's data fingerprint, and its bytes
 * are the listing artifact that a data snapshot keeps beside the directory's files, so that the snapshot is named by
 * the same digest as the fingerprint and can be read back without any other format.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataListing {

    private static final int DIGEST_LENGTH = Digests.PREFIX.length() + 64;

    private DataListing() {}

    public static byte[] bytes(SortedMap<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((file, digest) -> out.writeBytes((file + "\0" + digest + "\n").getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    /**
     * Relative path to digest, as {@link #bytes} wrote them. A path may hold a newline; the digest after its NUL has a
     * fixed length, so the form stays unambiguous.
     *
     * @throws IllegalArgumentException where {@code bytes} are not such a listing
     */
    public static SortedMap<String, String> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        TreeMap<String, String> files = new TreeMap<>();
        int at = 0;
        while (at < text.length()) {
            int nul = text.indexOf('\0', at);
            int end = nul + 1 + DIGEST_LENGTH;
            if (nul < 0 || end >= text.length() || text.charAt(end) != '\n') {
                throw new IllegalArgumentException("Not a data listing: no path, NUL, digest and newline at character " + at);
            }
            String digest = text.substring(nul + 1, end);
            if (!Digests.isDigest(digest)) {
                throw new IllegalArgumentException("Not a data listing: '" + digest + "' is not a digest");
            }
            files.put(text.substring(at, nul), digest);
            at = end + 1;
        }
        return files;
    }

    /** The digest of the listing of {@code files}: the directory's data fingerprint. */
    static String digest(Map<String, String> files) {
        return Digests.sha256(bytes(new TreeMap<>(files)));
    }
}
