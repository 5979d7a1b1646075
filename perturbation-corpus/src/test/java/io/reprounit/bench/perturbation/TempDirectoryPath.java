package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An export written to a fixed-name temporary file, whose path the step returns as part of its result. */
@ReproducibleRun
@Case(kind = "temp directory", culprit = "export", blamed = "temp_directory", checks = "all")
public class TempDirectoryPath {

    @Step
    static List<String> rows() {
        return List.of("a,1", "b,2");
    }

    @Step
    static String export(@Input("rows") List<String> rows) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "corpus-export.csv");
        Files.write(file, rows);
        return "exported " + rows.size() + " rows to " + file.toAbsolutePath();
    }

    @Step
    static int length(@Input("export") String export) {
        return export.length();
    }
}
