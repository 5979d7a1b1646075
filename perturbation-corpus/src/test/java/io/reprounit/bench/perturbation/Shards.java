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
            dir.toFile().deleteOnExit(); // files registered after it are deleted before it: no shards left in /tmp
            for (String shard : shards) {
                Path file = Files.writeString(dir.resolve("part-" + shard + ".csv"), shard + "\n");
                file.toFile().deleteOnExit();
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
