package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A pipeline's history: how many checks the store holds, and the events, oldest first, where a step's output changed or
 * its verdict did, ending with the latest verdict of every step.
 */
@API(status = INTERNAL, since = "0.1")
public record History(String pipeline, int checks, int earlierEvents, List<HistoryEntry> entries) {

    public History {
        entries = List.copyOf(entries);
    }
}
