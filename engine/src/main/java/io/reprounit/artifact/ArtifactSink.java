package io.reprounit.artifact;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where one pass over an output's compared form goes: into SHA-256, counted, its first
 * {@value Artifact#MAX_KEPT_BYTES} bytes kept in memory, and, where a store is given, into an upload to it. Close it
 * whatever happens: an upload not finished leaves nothing behind.
 */
final class ArtifactSink implements ByteSink, AutoCloseable {

    private final MessageDigest sha256 = Digests.newSha256();
    private final ArtifactStore.@Nullable Upload upload;
    private byte[] head = new byte[256];
    private int headLength;
    private long size;

    ArtifactSink(@Nullable ArtifactStore store) {
        this.upload = store == null ? null : store.upload();
    }

    /** A sink that only digests, for the exact form beside the compared one. */
    static ArtifactSink digestOnly() {
        return new ArtifactSink(null);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        size += length;
        int kept = (int) Math.min(length, Artifact.MAX_KEPT_BYTES - headLength);
        if (kept > 0) {
            if (headLength + kept > head.length) {
                head = Arrays.copyOf(head, Math.min(Artifact.MAX_KEPT_BYTES, Math.max(head.length * 2, headLength + kept)));
            }
            System.arraycopy(bytes, offset, head, headLength, kept);
            headLength += kept;
        }
        if (upload != null) {
            upload.write(bytes, offset, length);
        }
    }

    /** The digest of everything written; call once, after the last write. */
    String digest() {
        return Digests.format(sha256.digest());
    }

    /** The artifact of what was written, compared by {@code digest}; its whole form moved into the store where given. */
    Artifact artifact(String digest, String bytesDigest, String mediaType) {
        CompletableFuture<Artifact.Kept> kept = upload == null ? CompletableFuture.completedFuture(Artifact.Kept.NOWHERE)
                : upload.finishInBackground(digest, size);
        return new Artifact(digest, bytesDigest, size, mediaType, Arrays.copyOf(head, headLength), kept);
    }

    @Override
    public void close() {
        if (upload != null) {
            upload.close();
        }
    }
}
