package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where an {@link ArtifactStore} also keeps every artifact it keeps, so that other machines read them: an object store
 * such as S3. Objects are named by the same location as the store's files ({@code sha256/ab/cdef…[.zst]}) under the
 * tier's prefix, and hold the same bytes, so that a download is a file of the local store as it is. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public interface RemoteTier {

    /** An object of the tier: its location as the store names files, its size, when it was last written. */
    record RemoteObject(String location, long size, Instant lastModified) {}

    /** Where, for messages: such as {@code s3://bucket/prefix}; never a credential. */
    String name();

    /** The URL and the options the tier was opened with, to open it again in another JVM; never a credential. */
    String url();

    /** @see #url() */
    Map<String, String> options();

    /** The object at {@code location}; empty where there is none. */
    Optional<RemoteObject> head(String location) throws IOException;

    /** Writes {@code file} as the object at {@code location}, replacing any object there; verified as it arrives. */
    void upload(String location, Path file) throws IOException;

    /** Writes the object at {@code location} into {@code target}; false, writing nothing, where there is none. */
    boolean download(String location, Path target) throws IOException;

    /**
     * Makes the object at {@code location} young again, as a reused file is touched: a gc spares objects written
     * within its minimum age. False where there is none.
     */
    boolean refresh(String location) throws IOException;

    /** Every object under the tier's {@code sha256/}. */
    List<RemoteObject> list() throws IOException;

    /** Deletes these objects; one already gone is no failure. */
    void delete(Collection<String> locations) throws IOException;
}
