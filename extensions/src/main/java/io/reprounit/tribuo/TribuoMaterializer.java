package io.reprounit.tribuo;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.artifact.CanonicalWriter;
import io.reprounit.artifact.Materializer;
import io.reprounit.artifact.StoredValue;
import org.apiguardian.api.API;

/**
 * Encodes Tribuo {@code org.tribuo.Model}s and {@code org.tribuo.Dataset}s by what they compute, so that two identical
 * trainings give the same digest although their serialized bytes differ: Tribuo's provenance records when a model was
 * trained and when its data source was created, and its Java and protobuf serializations carry that provenance.
 *
 * <p>A model is written as an object of
 * <ul>
 *   <li>{@code $class}: the model's class;</li>
 *   <li>{@code $leftOut}: the provenance keys that were left out, as dotted paths (say {@code trained-at} or
 *       {@code dataset.datasource.datasource-creation-time}), and any model field left out (a random generator, as
 *       {@code parameters.rng}), so that the step's preview, its report and every diff say
 *       exactly what was not compared. It is part of the encoding on purpose: a digest can then never silently stand
 *       for less than it seems to;</li>
 *   <li>{@code features} and {@code outputs}: the feature and output domains, sorted by name, with ids and counts;</li>
 *   <li>{@code parameters}: the learned parameters (see {@code LearnedParameters});</li>
 *   <li>{@code provenance}: the rest of the model's provenance, the trainer's configured fields (seed, epochs, optimiser,
 *       learning rate, …) and the dataset's description among them.</li>
 * </ul>
 * A dataset is written likewise, with its examples (output, weight, features and metadata, in order) in place of
 * parameters. What is left out is volatile by nature, whatever Tribuo class records it: timestamps, file paths and URLs,
 * hashes of files (the data fingerprint digests the data itself), and the JVM and operating system (the environment
 * fingerprint records them).
 *
 * <p>This class is instantiated by {@link java.util.ServiceLoader} on every class path, with or without Tribuo, so
 * neither its constructor nor {@link #supports} touches a Tribuo class: it compares class names up the hierarchy, and
 * only {@link #write} and {@link #serializedForm}, which are called for Tribuo values alone, reach the classes that use
 * Tribuo's API.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TribuoMaterializer implements Materializer {

    static final String MODEL = "org.tribuo.Model";
    static final String DATASET = "org.tribuo.Dataset";

    public TribuoMaterializer() {
        // ServiceLoader needs a public constructor; nothing to set up.
    }

    @Override
    public boolean supports(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals(MODEL) || name.equals(DATASET)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void write(Object value, CanonicalWriter out) {
        TribuoEncoding.write(value, out);
    }

    /** The protobuf bytes Tribuo saves the value as: recorded as the bytes digest, so their churn is visible. */
    @Override
    public java.util.Optional<byte[]> serializedForm(Object value) {
        return TribuoEncoding.serialized(value);
    }

    /**
     * A model or dataset read back from its protobuf form, which the artifact store keeps beside the semantic form:
     * the semantic form leaves out provenance, so it is not the model. Empty where that form was not kept.
     */
    @Override
    public java.util.Optional<Object> read(StoredValue stored, java.lang.reflect.Type type) {
        Class<?> raw = type instanceof java.lang.reflect.ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType() : type instanceof Class<?> c ? c : Object.class;
        return stored.serializedForm().flatMap(bytes -> TribuoEncoding.read(bytes, raw));
    }
}
