package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Control: shards concatenated after sorting the listing, from {@code Files.list} and from {@code File.list}. */
@ReproducibleRun
@Case(kind = "control: sorted directory listing", checks = {"all", "unspecified_order"})
public class ControlSortedListing {

    @Step
    static List<String> shards() {
        return Shards.names();
    }

    @Step
    static String concat(@Input("shards") List<String> shards) throws IOException {
        Path dir = Shards.write(shards);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        String[] names = dir.toFile().list();
        Arrays.sort(names);
        for (String name : names) {
            all.append(Files.readString(new File(dir.toFile(), name).toPath()));
        }
        return all.toString();
    }

    @Step
    static int length(@Input("concat") String concat) {
        return concat.length();
    }
}
