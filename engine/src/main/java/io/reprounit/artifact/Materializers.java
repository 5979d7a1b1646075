package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Turns step outputs into {@link Artifact}s. A {@code String} is its UTF-8 text, a {@code byte[]} its bytes and a file
 * its content; every other value is written in the canonical binary form ({@link CanonicalFormat}) by the registered
 * {@link Materializer}s and the built-in encodings, streamed into its digest (and the artifact store) as it is made.
 */
@API(status = INTERNAL, since = "0.1")
public final class Materializers {

    private final List<Materializer> registered;
    /** The classes {@link ServiceLoader} found, by name; null where the materializers were given, not looked up. */
    private final @Nullable List<String> providers;

    private Materializers(List<Materializer> registered, @Nullable List<String> providers) {
        this.registered = List.copyOf(registered);
        this.providers = providers == null ? null : List.copyOf(providers);
    }

    /** The materializers that {@link ServiceLoader} finds through {@code classLoader}, before the built-in ones. */
    public static Materializers load(ClassLoader classLoader) {
        List<Materializer> found = new ArrayList<>();
        ServiceLoader.load(Materializer.class, classLoader).forEach(found::add);
        return new Materializers(found, found.stream().map(materializer -> materializer.getClass().getName()).toList());
    }

    /**
     * The materializers of the provider classes named, created as {@link ServiceLoader} creates them (by their public
     * constructor without parameters), in that order: for a forked JVM that the test JVM told which ones its own lookup
     * found, so that it need not open every jar of the class path again to find the same.
     *
     * @throws IllegalArgumentException naming the provider that cannot be loaded or created, and why
     */
    public static Materializers provided(List<String> providers, ClassLoader classLoader) {
        List<Materializer> created = new ArrayList<>();
        for (String provider : providers) {
            try {
                Class<?> type = Class.forName(provider, false, classLoader);
                if (!Materializer.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException("The materializer provider " + provider + " does not implement "
                            + Materializer.class.getName());
                }
                created.add((Materializer) type.getConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalArgumentException("The materializer provider " + provider + " cannot be created: " + e,
                        e);
            }
        }
        return new Materializers(created, providers);
    }

    public static Materializers of(List<Materializer> materializers) {
        return new Materializers(materializers, null);
    }

    /**
     * The class names of the materializers {@link #load} found, in their order; empty where they were given directly
     * ({@link #of}), which another JVM cannot create by name.
     */
    public Optional<List<String>> providers() {
        return Optional.ofNullable(providers);
    }

    /** Whether a registered materializer claims {@code type}; the built-in encodings are not asked. */
    boolean isRegistered(Class<?> type) {
        return claiming(type).isPresent();
    }

    /** The first registered materializer that claims {@code type}, as the encoder picks it. */
    Optional<Materializer> claiming(Class<?> type) {
        for (Materializer materializer : registered) {
            if (materializer.supports(type)) {
                return Optional.of(materializer);
            }
        }
        return Optional.empty();
    }

    public Artifact materialize(@Nullable Object value) {
        return materialize(value, Normalization.none());
    }

    /**
     * The artifact of a step's output: compared by its form after {@code normalization}, with the digest of its exact
     * form beside. Text, bytes and files are compared as they are; normalizers apply to structured values.
     *
     * @throws MaterializationException where the value cannot be encoded, or a normalizer's path matches nothing
     */
    public Artifact materialize(@Nullable Object value, Normalization normalization) {
        return materialize(value, normalization, null);
    }

    /**
     * As {@link #materialize(Object, Normalization)}, in one pass that digests the compared form and, where a store is
     * given, keeps the whole of it there ({@link Artifact#kept()}): a file by its bytes, a directory by each of its files
     * and its listing.
     */
    public Artifact materialize(@Nullable Object value, Normalization normalization, @Nullable ArtifactStore store) {
        if (value != null && !isRegistered(value.getClass())) {
            if (value instanceof String text) {
                return whole(Utf8.encode(text), Artifact.TEXT, store); // a lone surrogate kept, not turned into "?"
            }
            if (value instanceof byte[] bytes) {
                return whole(bytes, Artifact.BINARY, store);
            }
            if (value instanceof Path path) {
                return PathContent.materialize(path, new ValueEncoder(registered), store);
            }
            if (value instanceof File file) {
                return PathContent.materialize(file.toPath(), new ValueEncoder(registered), store);
            }
        }
        try (ArtifactSink compared = new ArtifactSink(store)) {
            write(value, normalization, compared);
            String digest = compared.digest();
            Optional<byte[]> serialized = serializedForm(value);
            if (store != null && serialized.isPresent()) {
                whole(serialized.get(), Artifact.BINARY, store); // kept by its digest, to read the value back from
            }
            String bytesDigest = serialized.map(Digests::sha256)
                    .orElseGet(() -> changesForm(normalization) ? exactDigest(value) : digest);
            Artifact artifact = compared.artifact(digest, bytesDigest, Artifact.CANONICAL);
            return store != null && serialized.isPresent() ? artifact.withParts(List.of(bytesDigest)) : artifact;
        }
    }

    private static Artifact whole(byte[] bytes, String mediaType, @Nullable ArtifactStore store) {
        try (ArtifactSink sink = new ArtifactSink(store)) {
            sink.write(bytes, 0, bytes.length);
            String digest = sink.digest();
            return sink.artifact(digest, digest, mediaType);
        }
    }

    /** Whether a normalizer can make the compared form differ from the exact one; a tolerance does not. */
    private static boolean changesForm(Normalization normalization) {
        return normalization.hasIgnoredTypes() || normalization.rewritesTree();
    }

    /** The digest of the exact form: a second pass, that only digests. */
    private String exactDigest(@Nullable Object value) {
        try (ArtifactSink exact = ArtifactSink.digestOnly()) {
            write(value, Normalization.none(), exact);
            return exact.digest();
        }
    }

    private void write(@Nullable Object value, Normalization normalization, ByteSink sink) {
        CanonicalWriter out = new CanonicalWriter(new ValueEncoder(registered, normalization),
                ChunkBuffer.streaming(sink), normalization);
        out.value(value);
        out.finish();
    }

    /** The serialized form that the materializer claiming the value's class gives, if it gives one. */
    private Optional<byte[]> serializedForm(@Nullable Object value) {
        return value == null ? Optional.empty()
                : claiming(value.getClass()).flatMap(materializer -> materializer.serializedForm(value));
    }

    /** The canonical binary form of any value ({@link CanonicalFormat}), nested values included, with no normalizer. */
    public byte[] canonicalBytes(@Nullable Object value) {
        CanonicalWriter out = CanonicalWriter.inMemory(new ValueEncoder(registered));
        out.value(value);
        out.finish();
        return out.toByteArray();
    }

    /** The canonical form of any value, rendered as text for a person to read. */
    public String canonicalText(@Nullable Object value) {
        return CanonicalText.render(canonicalBytes(value));
    }

    /**
     * Why a stored output of declared type {@code type}, compared under {@code normalization}, cannot be read back;
     * empty where it can.
     */
    public Optional<String> whyUnreadable(java.lang.reflect.Type type, Normalization normalization) {
        return ReadBack.whyUnreadable(new ReadPlans(this), type, normalization);
    }

    /**
     * Reads the stored artifact {@code digest} (media type {@code mediaType}, as recorded) back as a value of
     * {@code type}. Paths and files are restored under {@code scratch} (a directory the caller owns). Verifies what it
     * read: the value, materialized again under {@code normalization}, must have {@code digest}; otherwise (and when
     * the artifact is missing or damaged) throws ArtifactReadException saying why. Where the decoder proves that the
     * value gives exactly the bytes it was read from (arrays of doubles, longs or bytes and arrays of those, with no
     * normalizer), those bytes' digest, checked as they are read, stands for materializing it again.
     */
    public @Nullable Object readBack(ArtifactStore store, String digest, String mediaType, java.lang.reflect.Type type,
            Normalization normalization, Path scratch) throws ArtifactReadException {
        return readBack(store, digest, digest, mediaType, type, normalization, scratch);
    }

    /**
     * As {@link #readBack(ArtifactStore, String, String, java.lang.reflect.Type, Normalization, Path)}, with the
     * artifact's recorded bytes digest: where a {@link Materializer#serializedForm} gave it, the store keeps that form
     * under it, and the materializer may read the value back from it (a Tribuo model does).
     */
    public @Nullable Object readBack(ArtifactStore store, String digest, String bytesDigest, String mediaType,
            java.lang.reflect.Type type, Normalization normalization, Path scratch) throws ArtifactReadException {
        Optional<String> why = whyUnreadable(type, normalization);
        if (why.isPresent()) {
            throw new ArtifactReadException(digest, type, why.get(), null);
        }
        ReadBack readBack = new ReadBack(new ReadPlans(this), store, digest, type);
        Object value = readBack.read(bytesDigest, mediaType, scratch);
        if (readBack.writtenAsRead() && normalization.isNone() && bytesDigest.equals(digest)) {
            // Its bytes had the digest as they were read, and it is proven to give exactly those bytes again.
            return value;
        }
        String again;
        try {
            again = materialize(value, normalization).digest();
        } catch (MaterializationException | java.io.UncheckedIOException e) {
            throw new ArtifactReadException(digest, type, "the value read back cannot be materialized again: "
                    + e.getMessage(), e);
        }
        if (!again.equals(digest)) {
            throw new ArtifactReadException(digest, type, "the value read back materializes to " + again + ", not to"
                    + " the digest it was stored under: what was stored is not a " + type.getTypeName() + " as declared"
                    + " (such as a subclass, or numbers of another type than the declared one)", null);
        }
        return value;
    }

    /** Why values of {@code type} cannot be step outputs, or empty where they can. */
    public Optional<String> whyUnsupported(java.lang.reflect.Type type) {
        return new TypeSupport(this).whyUnsupported(type);
    }
}
