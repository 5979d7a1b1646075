package io.reprounit.engine;

import io.reprounit.api.BaselineMode;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineFormatException;
import io.reprounit.baseline.BaselineYaml;
import io.reprounit.pipeline.PipelineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Baselines that match no pipeline any more — the class was renamed, deleted or given another pipeline name — reported
 * as warnings at discovery. Each baseline names its class, so the check does not depend on which classes a request
 * happened to select.
 */
final class BaselineOrphans {

    private BaselineOrphans() {}

    static void report(BaselineSettings settings, DiscoveryIssueReporter issues) {
        if (settings.configured() == BaselineMode.NONE || settings.problem().isPresent()
                || !Files.isDirectory(settings.directory())) {
            return;
        }
        for (Path file : baselineFiles(settings.directory())) {
            String fileName = file.getFileName().toString();
            String expectedName = fileName.substring(0, fileName.length() - ".yaml".length());
            Optional<Baseline> baseline = read(file);
            if (baseline.isEmpty()) {
                continue; // malformed: the pipeline's own check reports it with file and line
            }
            Optional<String> why = whyOrphaned(baseline.get(), expectedName);
            why.ifPresent(reason -> issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "Baseline " + file
                    + " matches no pipeline: " + reason + ". Delete it, or rename it with its pipeline.")
                    .source(FileSource.from(file.toFile()))));
        }
    }

    private static Optional<String> whyOrphaned(Baseline baseline, String fileName) {
        Optional<Class<?>> type = ReflectionSupport.tryToLoadClass(baseline.pipelineClass()).toOptional();
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
