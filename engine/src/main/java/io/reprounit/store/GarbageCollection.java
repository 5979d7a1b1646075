package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@code gc} removed: checks beyond the retention, and artifact files that no remaining run refers to; and how many
 * such files it spared, since they changed within {@code minimumAge} and a test writing now may need them.
 */
@API(status = INTERNAL, since = "0.1")
public record GarbageCollection(int checksRemoved, List<String> artifactsRemoved, int artifactsSpared,
        Duration minimumAge) {

    public GarbageCollection {
        artifactsRemoved = List.copyOf(artifactsRemoved);
    }
}
