package io.reprounit.bench.perturbation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shards written to a fresh directory, for the cases that read a directory back. */
final class Shards {

    private Shards() {}

    /** A new directory holding one file per shard, named {@code part-<shard>.csv}, in the order given. */
    static Path write(List<String> shards) {
        try {
            Path dir = Files.createTempDirectory("corpus-shards");
            for (String shard : shards) {
                Files.writeString(dir.resolve("part-" + shard + ".csv"), shard + "\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names() {
        return List.of("delta", "alpha", "kilo", "echo", "bravo", "golf", "charlie", "foxtrot", "india", "hotel");
    }
}
