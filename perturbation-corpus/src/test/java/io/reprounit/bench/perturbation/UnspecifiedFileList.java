package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.File;
import java.util.List;

/** Shard names in the order {@code java.io.File.list()} gives them, which the JDK does not specify. */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "manifest", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedFileList {

    @Step
    static List<String> shards() {
        return Shards.names();
    }

    @Step
    static List<String> manifest(@Input("shards") List<String> shards) {
        File dir = Shards.write(shards).toFile();
        return List.of(dir.list());
    }

    @Step
    static String line(@Input("manifest") List<String> manifest) {
        return String.join(",", manifest);
    }
}
