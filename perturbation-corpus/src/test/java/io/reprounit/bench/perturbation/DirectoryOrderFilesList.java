package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shards concatenated in the order {@code Files.list} returns them, which is the file system's. */
@ReproducibleRun
@Case(kind = "directory order", culprit = "concat", blamed = "directory_order", checks = "all")
public class DirectoryOrderFilesList {

    @Step
    static List<String> shards() {
        return Shards.names();
    }

    @Step
    static String concat(@Input("shards") List<String> shards) throws IOException {
        Path dir = Shards.write(shards);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Step
    static int length(@Input("concat") String concat) {
        return concat.length();
    }
}
