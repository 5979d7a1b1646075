package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings read from a relative {@code pom.xml}, resolved against the current directory, with a fallback when it is
 * not there: the output depends on where the JVM was started.
 */
@ReproducibleRun
@Case(kind = "working directory", culprit = "settings", blamed = "working_directory", checks = "all")
public class WorkingDirectoryRelativeFile {

    @Step
    static List<String> keys() {
        return List.of("modelVersion", "artifactId");
    }

    @Step
    static String settings(@Input("keys") List<String> keys) throws IOException {
        Path relative = Path.of("pom.xml");
        if (!Files.isRegularFile(relative)) {
            return "defaults for " + keys;
        }
        return keys.size() + " keys from a file of " + Files.readAllLines(relative).size() + " lines";
    }

    @Step
    static int length(@Input("settings") String settings) {
        return settings.length();
    }
}
