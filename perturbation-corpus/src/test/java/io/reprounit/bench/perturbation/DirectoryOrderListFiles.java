package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Shards concatenated in the order {@code java.io.File.listFiles()} returns them, which is the file system's. */
@ReproducibleRun
@Case(kind = "directory order", culprit = "concat", blamed = "directory_order", checks = "all")
public class DirectoryOrderListFiles {

    @Step
    static List<String> shards() {
        return Shards.names();
    }

    @Step
    static String concat(@Input("shards") List<String> shards) throws IOException {
        File dir = Shards.write(shards).toFile();
        StringBuilder all = new StringBuilder();
        for (File file : dir.listFiles()) {
            all.append(Files.readString(file.toPath()));
        }
        return all.toString();
    }

    @Step
    static int length(@Input("concat") String concat) {
        return concat.length();
    }
}
