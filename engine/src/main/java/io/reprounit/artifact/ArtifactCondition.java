package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What reading an artifact's file found: its bytes have the digest it is named by (intact); they do not, or cannot be
 * read (damaged, with what is wrong); or there is no file (missing, {@code file} being where it would be).
 */
@API(status = INTERNAL, since = "0.1")
public record ArtifactCondition(String digest, Path file, State state, @Nullable String damage) {

    public enum State {
        INTACT, DAMAGED, MISSING;

        /** {@code intact}, {@code damaged} or {@code missing}, as tables and JSON show it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ArtifactCondition {
        requireNonNull(digest);
        requireNonNull(file);
        requireNonNull(state);
        if ((state == State.DAMAGED) != (damage != null)) {
            throw new IllegalArgumentException("A damaged artifact, and only one, says what is wrong: " + damage);
        }
    }

    static ArtifactCondition intact(String digest, Path file) {
        return new ArtifactCondition(digest, file, State.INTACT, null);
    }

    static ArtifactCondition damaged(String digest, Path file, String damage) {
        return new ArtifactCondition(digest, file, State.DAMAGED, damage);
    }

    static ArtifactCondition missing(String digest, Path file) {
        return new ArtifactCondition(digest, file, State.MISSING, null);
    }

    public boolean isIntact() {
        return state == State.INTACT;
    }

    /** What is wrong, in a few words: the damage, or that there is no file; null where it is intact. */
    public @Nullable String problem() {
        return state == State.MISSING ? "no file" : damage;
    }
}
