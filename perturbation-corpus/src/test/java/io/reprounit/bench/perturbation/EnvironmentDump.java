package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;
import java.util.TreeSet;

/** Run metadata that records which environment variables were set ({@code System.getenv()}), sorted. */
@ReproducibleRun
@Case(kind = "environment", culprit = "metadata", blamed = "environment", checks = "all")
public class EnvironmentDump {

    @Step
    static List<Integer> rows() {
        return List.of(1, 2, 3);
    }

    @Step
    static String metadata(@Input("rows") List<Integer> rows) {
        return rows.size() + " rows; environment: " + String.join(",", new TreeSet<>(System.getenv().keySet()));
    }

    @Step
    static int length(@Input("metadata") String metadata) {
        return metadata.length();
    }
}
