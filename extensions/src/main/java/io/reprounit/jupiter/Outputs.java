package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.MaterializationException;
import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.Normalization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What one run of a {@link ReproducibleTest @ReproducibleTest} method produced, by name. Declare a parameter of this
 * type; each run gets its own.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Outputs {

    private final Materializers materializers;
    private final @Nullable ArtifactStore store;
    private final Map<String, Artifact> recorded = new LinkedHashMap<>();
    private final Map<String, Normalization> normalizations = new LinkedHashMap<>();
    private boolean closed;

    Outputs(Materializers materializers) {
        this(materializers, null);
    }

    /** @param store where each output is kept as it is digested; null where outputs are not kept */
    Outputs(Materializers materializers, @Nullable ArtifactStore store) {
        this.materializers = requireNonNull(materializers);
        this.store = store;
    }

    /**
     * Records an output of this run under {@code name}, to be compared with the same output of the other runs.
     *
     * <p>The value is put in canonical form (a digest and readable bytes) at once, as the engine does with a step's
     * output the moment the step returns, so that changing the object afterwards changes nothing. It may be of any type
     * the materializers accept: text, bytes, a file, numbers, records, collections, maps, beans, or a type with a
     * registered {@link io.reprounit.artifact.Materializer}.
     *
     * <p>{@code null} is recorded as a value, the way the engine treats a step that returns {@code null}: two runs that
     * both record {@code null} reproduce, and a run that records {@code null} where another recorded something does not,
     * and the failure shows {@code null} against the other value. A missing output is a different thing: see
     * {@link ReproducibleTest}.
     *
     * @throws IllegalArgumentException where the name is blank or already recorded in this run, or the value cannot be
     *                                  put in canonical form; the message names the output, its type and why
     * @throws IllegalStateException    where the run is already over
     */
    public void record(String name, @Nullable Object value) {
        record(name, value, Normalization.none());
    }

    /**
     * Records an output as {@link #record(String, Object)} does, compared after {@code normalization}: what it leaves
     * out of the comparison, and the tolerance within which numbers agree, as the normalizer annotations on a pipeline
     * step declare them. For example:
     *
     * <pre>{@code
     * outputs.record("ensemble", ensemble, Normalization.builder()
     *         .unordered(List.of("members"))
     *         .ignoreFields(List.of("members[].trainingNanos"))
     *         .build());
     * }</pre>
     *
     * A failure names the normalizers, so that nobody is surprised by what was not compared.
     *
     * @throws IllegalArgumentException as {@link #record(String, Object)} does, and where a normalizer's path matches
     *                                  nothing in the value
     */
    public synchronized void record(String name, @Nullable Object value, Normalization normalization) {
        requireNonNull(name, "name");
        requireNonNull(normalization, "normalization");
        if (closed) {
            throw new IllegalStateException("Output '" + name + "' was recorded after its run ended; record outputs"
                    + " while the test method runs");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("An output needs a name that is not blank");
        }
        if (recorded.containsKey(name)) {
            throw new IllegalArgumentException("Output '" + name + "' was already recorded in this run; give each"
                    + " output its own name");
        }
        recorded.put(name, materialize(name, value, normalization));
        normalizations.put(name, normalization);
    }

    private Artifact materialize(String name, @Nullable Object value, Normalization normalization) {
        if (value != null) {
            // The type check explains opaque types (streams, threads, lambdas) better than an encoder walking into them.
            Optional<String> why = materializers.whyUnsupported(value.getClass());
            if (why.isPresent()) {
                throw unsupported(name, value, why.get(), null);
            }
        }
        try {
            return materializers.materialize(value, normalization, store);
        } catch (MaterializationException e) {
            throw unsupported(name, value, e.getMessage(), e);
        }
    }

    private static IllegalArgumentException unsupported(String name, @Nullable Object value, @Nullable String why,
            @Nullable Throwable cause) {
        return new IllegalArgumentException("Output '" + name + "' (" + (value == null ? "null"
                : "a " + value.getClass().getName()) + ") cannot be compared between runs: " + why, cause);
    }

    /** The outputs recorded so far, in the order they were recorded. */
    synchronized Map<String, Artifact> recorded() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    /** How each output recorded so far is compared. */
    synchronized Map<String, Normalization> normalizations() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(normalizations));
    }

    /** Ends the run: what is recorded now is what is compared. */
    synchronized Map<String, Artifact> close() {
        closed = true;
        return recorded();
    }

    @Override
    public synchronized String toString() {
        return "Outputs" + recorded.keySet();
    }
}
