package io.reprounit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data files that fixture pipelines read through relative paths, as their YAML configurations name them: relative
 * to the module's directory, which is the working directory of the tests.
 */
final class FixtureData {

    static final Path DIRECTORY = Path.of("target", "run-fixtures");

    private FixtureData() {}

    static void create() throws IOException {
        Files.createDirectories(DIRECTORY.resolve("shards"));
        Files.writeString(DIRECTORY.resolve("rows.csv"), "a,1\nb,2\nc,3\n");
        for (String shard : new String[] {"part-0001.csv", "part-0002.csv", "part-0003.csv", "part-0004.csv"}) {
            Files.writeString(DIRECTORY.resolve("shards").resolve(shard), shard + "\n");
        }
        // Twelve files: a shuffled listing keeps the file system's order once in 479 million.
        Files.createDirectories(DIRECTORY.resolve("listing"));
        for (int i = 1; i <= 12; i++) {
            Files.writeString(DIRECTORY.resolve("listing").resolve("day-" + (char) ('a' + i) + ".csv"), i + "\n");
        }
    }
}
