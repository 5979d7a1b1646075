package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.BaselineMode;
import io.reprounit.pipeline.PipelineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Baselines that match no pipeline any more — the class was renamed, deleted or given another pipeline name — for the
 * engine to report as warnings at discovery. Each baseline names its class, so the check does not depend on which
 * classes a request happened to select.
 */
@API(status = INTERNAL, since = "0.1")
public final class BaselineOrphans {

    /** A baseline file that matches no pipeline, and what to do about it. */
    public record Orphan(Path file, String message) {}

    private BaselineOrphans() {}

    /** The orphans in the baseline directory, in file name order; none where baselines are off or misconfigured. */
    public static List<Orphan> find(BaselineSettings settings, ClassLoader classLoader) {
        List<Orphan> orphans = new ArrayList<>();
        if (settings.configured() == BaselineMode.NONE || settings.problem().isPresent()
                || !Files.isDirectory(settings.directory())) {
            return orphans;
        }
        for (Path file : baselineFiles(settings.directory())) {
            String fileName = file.getFileName().toString();
            String expectedName = fileName.substring(0, fileName.length() - ".yaml".length());
            Optional<Baseline> baseline = read(file);
            if (baseline.isEmpty()) {
                continue; // malformed: the pipeline's own check reports it with file and line
            }
            Optional<String> why = whyOrphaned(baseline.get(), expectedName, classLoader);
            why.ifPresent(reason -> orphans.add(new Orphan(file, "Baseline " + file + " matches no pipeline: " + reason
                    + ". Delete it, or rename it with its pipeline.")));
        }
        return orphans;
    }

    private static Optional<String> whyOrphaned(Baseline baseline, String fileName, ClassLoader classLoader) {
        Optional<Class<?>> type = load(baseline.pipelineClass(), classLoader);
        if (type.isEmpty()) {
            return Optional.of("its class " + baseline.pipelineClass() + " does not exist");
        }
        if (!PipelineReader.isPipelineClass(type.get())) {
            return Optional.of("its class " + baseline.pipelineClass() + " is no longer a @ReproducibleRun pipeline");
        }
        String name = PipelineReader.pipelineName(type.get());
        if (!name.equals(fileName)) {
            return Optional.of("its class " + baseline.pipelineClass() + " is now the pipeline '" + name + "', whose"
                    + " baseline is " + name + ".yaml");
        }
        return Optional.empty();
    }

    /** The class, without initializing it: discovery runs no user code. */
    private static Optional<Class<?>> load(String className, ClassLoader classLoader) {
        try {
            return Optional.of(Class.forName(className, false, classLoader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static List<Path> baselineFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().endsWith(".received.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of(); // an unreadable directory: each pipeline's check says so when it reads its baseline
        }
    }

    private static Optional<Baseline> read(Path file) {
        try {
            return Optional.of(BaselineYaml.read(Files.readAllBytes(file), file.toString()));
        } catch (IOException | BaselineFormatException e) {
            return Optional.empty();
        }
    }
}
