package io.reprounit.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The artifacts this store wrote or found lately, by a checksum of their first chunk: where a new upload begins with the
 * same bytes, it is most likely the same artifact again (the second run of a reproducible step), so its bytes are
 * compared with that file as they come instead of being written. Bounded; a guess, never trusted without the comparison.
 */
final class RecentUploads {

    private static final int KEPT = 256;

    /** An artifact file that may hold what an upload is writing. */
    record Candidate(String digest, String location) {}

    private final Map<Long, Candidate> byFirstChunk = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Candidate> eldest) {
            return size() > KEPT;
        }
    };

    /** The checksum and length of a first chunk, as one key. */
    static long key(byte[] first, int length) {
        CRC32C crc = new CRC32C();
        crc.update(first, 0, length);
        return crc.getValue() << 32 ^ length;
    }

    synchronized @Nullable Candidate find(long key) {
        return byFirstChunk.get(key);
    }

    synchronized void remember(long key, Candidate candidate) {
        byFirstChunk.put(key, candidate);
    }

    synchronized void forget(long key) {
        byFirstChunk.remove(key);
    }
}
