package io.reprounit.artifact;

/**
 * Turns values of some type into canonical form, so that equal values give equal bytes in every run, on every machine.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.reprounit.artifact.Materializer}. They are asked before the built-in encodings, so a
 * materializer can also take over a type that ReproUnit encodes by itself. Write only through the given
 * {@link CanonicalWriter}; never write anything that changes from run to run, such as a timestamp or an identity hash.
 */
public interface Materializer {

    /** Whether this materializer encodes values whose runtime class is {@code type}. */
    boolean supports(Class<?> type);

    /** Writes {@code value}, an instance of a supported type, as exactly one value. */
    void write(Object value, CanonicalWriter out);
}
