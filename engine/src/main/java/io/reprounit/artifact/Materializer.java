package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Turns values of some type into canonical form, so that equal values give equal bytes in every run, on every machine.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.reprounit.artifact.Materializer}. They are asked before the built-in encodings, so a
 * materializer can also take over a type that ReproUnit encodes by itself. Write only through the given
 * {@link CanonicalWriter}; never write anything that changes from run to run, such as a timestamp or an identity hash.
 * A materializer that leaves such parts out should name them in a {@code "$leftOut"} list of strings among the members
 * of the object it writes: the engine publishes that list with the step ({@link Artifact#leftOut()}), so that nobody is
 * surprised by what was not compared.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Materializer {

    /** Whether this materializer encodes values whose runtime class is {@code type}. */
    boolean supports(Class<?> type);

    /** Writes {@code value}, an instance of a supported type, as exactly one value. */
    void write(Object value, CanonicalWriter out);

    /**
     * The value's own serialized form, such as the bytes a library saves a model as, where it has one: its digest is
     * recorded as the artifact's bytes digest beside the semantic digest of what {@link #write} wrote, so that a
     * change in the saved bytes alone is visible without failing a check. Asked only for a step's output itself, not
     * for values nested in it. Empty by default: then the bytes digest is that of the canonical encoding before the
     * step's normalizers.
     */
    default java.util.Optional<byte[]> serializedForm(Object value) {
        return java.util.Optional.empty();
    }

    /**
     * Reads back, as a value of {@code type} (a type this materializer supports, as a step declares it), what
     * {@link #write} wrote: so that a stored output can stand in for running its step again. {@code stored} has the
     * shape written, and for a step's whole output the {@link #serializedForm} where the store keeps it. The value
     * read is checked by writing it again: it must give the digest stored. Empty by default, and where this
     * materializer cannot read the value back. A materializer that does not override this method is said, at
     * discovery, not to read its types back.
     */
    default java.util.Optional<Object> read(StoredValue stored, java.lang.reflect.Type type) {
        return java.util.Optional.empty();
    }
}
