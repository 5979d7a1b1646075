package io.reprounit.store;

import java.util.List;

/** What {@code gc} removed: checks beyond the retention, and artifact files that no remaining run refers to. */
public record GarbageCollection(int checksRemoved, List<String> artifactsRemoved) {

    public GarbageCollection {
        artifactsRemoved = List.copyOf(artifactsRemoved);
    }
}
