package io.reprounit.fingerprint;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A fingerprint part that differs between two fingerprints: added ({@code before} null), removed, or changed. */
@API(status = INTERNAL, since = "0.1")
public record PartChange(@Nullable FingerprintPart before, @Nullable FingerprintPart after) {

    public PartChange {
        if (before == null && after == null) {
            throw new IllegalArgumentException("A change needs a part on at least one side");
        }
    }

    /** The part before where there was one, else the part after: the constructor makes sure one side is there. */
    private FingerprintPart side() {
        return before != null ? before : java.util.Objects.requireNonNull(after);
    }

    public Aspect aspect() {
        return side().aspect();
    }

    public String name() {
        return side().name();
    }

    /** For example {@code java.version 17.0.15 → 21.0.4}, {@code data/iris.csv added}. */
    public String describe() {
        if (before == null) {
            return name() + " added (" + side().value() + ")";
        }
        if (after == null) {
            return name() + " removed (was " + before.value() + ")";
        }
        if (before.value().equals(after.value()) || before.value().length() > 80 || after.value().length() > 80) {
            return name() + " changed";
        }
        return name() + " " + before.value() + " → " + after.value();
    }
}
