package io.reprounit.store;

import java.util.List;

/**
 * A pipeline's history: how many checks the store holds, and the events, oldest first, where a step's output changed or
 * its verdict did, ending with the latest verdict of every step.
 */
public record History(String pipeline, int checks, int earlierEvents, List<HistoryEntry> entries) {

    public History {
        entries = List.copyOf(entries);
    }
}
