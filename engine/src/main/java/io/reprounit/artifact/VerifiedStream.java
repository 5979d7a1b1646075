package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An artifact file's bytes as they are read, digested on the way: at the end of the stream they must have the digest
 * the file is named by, else the reader gets a {@link CorruptedArtifactException} instead of the end. A compressed file
 * that cannot be decompressed is corrupted too.
 */
final class VerifiedStream extends FilterInputStream {

    private final String digest;
    /** The file, or the remote object, read: for the message. */
    private final Object file;
    private final boolean compressed;
    private final MessageDigest sha256 = Digests.newSha256();
    private long size;
    private boolean verified;

    VerifiedStream(InputStream in, String digest, Object file, boolean compressed) {
        super(requireNonNull(in));
        this.digest = requireNonNull(digest);
        this.file = requireNonNull(file);
        this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(bytes, offset, length);
        } catch (IOException | ZstdException e) {
            if (compressed) {
                throw new CorruptedArtifactException(digest, file, e); // a damaged or truncated frame
            }
            throw e;
        }
        if (n > 0) {
            sha256.update(bytes, offset, n);
            size += n;
        } else if (n < 0 && !verified) {
            verified = true;
            String actual = Digests.format(sha256.digest());
            if (!actual.equals(digest)) {
                throw new CorruptedArtifactException(digest, actual, size, file);
            }
        }
        return n;
    }

    /** Reads what it skips: the digest must see every byte. */
    @Override
    public long skip(long n) throws IOException {
        byte[] discarded = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discarded, 0, (int) Math.min(discarded.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
