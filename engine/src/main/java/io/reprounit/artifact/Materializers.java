package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Turns step outputs into {@link Artifact}s. A {@code String} is its UTF-8 text, a {@code byte[]} its bytes and a file
 * its content; every other value is written in canonical text form by the registered {@link Materializer}s and the
 * built-in encodings.
 */
public final class Materializers {

    private final List<Materializer> registered;

    private Materializers(List<Materializer> registered) {
        this.registered = List.copyOf(registered);
    }

    /** The materializers that {@link ServiceLoader} finds through {@code classLoader}, before the built-in ones. */
    public static Materializers load(ClassLoader classLoader) {
        List<Materializer> found = new ArrayList<>();
        ServiceLoader.load(Materializer.class, classLoader).forEach(found::add);
        return new Materializers(found);
    }

    public static Materializers of(List<Materializer> materializers) {
        return new Materializers(materializers);
    }

    /** Whether a registered materializer claims {@code type}; the built-in encodings are not asked. */
    boolean isRegistered(Class<?> type) {
        return claiming(type).isPresent();
    }

    /** The first registered materializer that claims {@code type}, as the encoder picks it. */
    private Optional<Materializer> claiming(Class<?> type) {
        for (Materializer materializer : registered) {
            if (materializer.supports(type)) {
                return Optional.of(materializer);
            }
        }
        return Optional.empty();
    }

    public Artifact materialize(Object value) {
        return materialize(value, Normalization.none());
    }

    /**
     * The artifact of a step's output: compared by its form after {@code normalization}, with the digest of its exact
     * form beside. Text, bytes and files are compared as they are; normalizers apply to structured values.
     *
     * @throws MaterializationException where the value cannot be encoded, or a normalizer's path matches nothing
     */
    public Artifact materialize(Object value, Normalization normalization) {
        return materialize(value, normalization, null);
    }

    /**
     * As {@link #materialize(Object, Normalization)}, keeping the whole compared form in {@code store} in the same pass
     * that digests it, where a store is given.
     */
    public Artifact materialize(Object value, Normalization normalization, @Nullable ArtifactStore store) {
        Artifact artifact = materializeInMemory(value, normalization);
        if (store == null || !artifact.isComplete()) {
            return artifact;
        }
        String location = store.put(artifact).orElseThrow();
        return Artifact.restored(artifact.digest(), artifact.bytesDigest(), artifact.size(), artifact.mediaType(),
                artifact.bytes(), Artifact.Kept.at(store, location));
    }

    private Artifact materializeInMemory(Object value, Normalization normalization) {
        ValueEncoder encoder = new ValueEncoder(registered);
        if (value != null && !isRegistered(value.getClass())) {
            if (value instanceof String text) {
                return Artifact.of(text.getBytes(StandardCharsets.UTF_8), Artifact.TEXT);
            }
            if (value instanceof byte[] bytes) {
                return Artifact.of(bytes.clone(), Artifact.BINARY);
            }
            if (value instanceof Path path) {
                return PathContent.materialize(path, encoder);
            }
            if (value instanceof File file) {
                return PathContent.materialize(file.toPath(), encoder);
            }
        }
        String exact = encode(value, encoder);
        String compared = exact;
        if (normalization.hasIgnoredTypes()) {
            compared = encode(value, new ValueEncoder(registered, normalization));
        }
        if (normalization.rewritesTree()) {
            compared = TreeNormalizer.normalize(compared, normalization);
        }
        byte[] bytes = compared.getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> serialized = serializedForm(value);
        if (serialized.isEmpty() && compared.equals(exact)) {
            return Artifact.of(bytes, Artifact.CANONICAL);
        }
        return Artifact.of(bytes, Artifact.CANONICAL,
                serialized.map(Digests::sha256).orElseGet(() -> Digests.sha256(exact)));
    }

    /** The serialized form that the materializer claiming the value's class gives, if it gives one. */
    private Optional<byte[]> serializedForm(Object value) {
        return value == null ? Optional.empty()
                : claiming(value.getClass()).flatMap(materializer -> materializer.serializedForm(value));
    }

    /** The canonical text encoding of any value, nested values included. */
    public String canonicalText(Object value) {
        return encode(value, new ValueEncoder(registered));
    }

    private static String encode(Object value, ValueEncoder encoder) {
        CanonicalWriter out = new CanonicalWriter(requireNonNull(encoder), 0);
        encoder.encode(value, out);
        return out.toString();
    }

    /** Why values of {@code type} cannot be step outputs, or empty where they can. */
    public Optional<String> whyUnsupported(java.lang.reflect.Type type) {
        return new TypeSupport(this).whyUnsupported(type);
    }
}
