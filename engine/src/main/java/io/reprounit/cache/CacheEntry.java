package io.reprounit.cache;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a recorded check said of one step, as the cache reads it: the step's verdict there, what it depended on in the
 * check's first run, and the output it gave.
 *
 * @param reproduced whether every run of that check gave the step's output; otherwise it diverged there
 * @param key        the step's parts, the run's parts that matter and the step's inputs, in that check's first run
 * @param output     the output it gave, where it gave one
 */
@API(status = INTERNAL, since = "0.1")
public record CacheEntry(long checkId, boolean reproduced, CacheKey key, @Nullable StoredOutput output) {

    public CacheEntry {
        requireNonNull(key);
    }

    /**
     * A recorded output: its semantic and exact digests, size and media type, and where the artifact store keeps it
     * ({@code location} null where it is not kept).
     */
    public record StoredOutput(String digest, String bytesDigest, long size, String mediaType,
            @Nullable String location) {

        public StoredOutput {
            requireNonNull(digest);
            requireNonNull(bytesDigest);
            requireNonNull(mediaType);
        }
    }

    /** The inputs of {@link #key()}, for readers that only need them. */
    public Map<String, String> inputs() {
        return key.inputs();
    }
}
