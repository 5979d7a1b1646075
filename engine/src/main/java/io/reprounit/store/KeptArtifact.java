package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * An artifact that the metadata store says the artifact store keeps, at {@code location} relative to its root, with
 * the output of every run and step that it is.
 */
@API(status = INTERNAL, since = "0.1")
public record KeptArtifact(String digest, String location, List<Use> uses) {

    /** The output of {@code step} in run {@code run} (such as {@code 17.2}). */
    public record Use(String run, String step) {}

    public KeptArtifact {
        uses = List.copyOf(uses);
    }
}
