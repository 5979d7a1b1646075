package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.compare.StepVerdict;
import io.reprounit.run.StepExecution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The whole rendering of each differing output of a step, as a file in the step's output directory published as a
 * file entry: the failure's expected and actual show only a window around the first difference. One file per distinct
 * output, named after the first run that gave it.
 */
final class StepEvidence {

    static final String MEDIA_TYPE = "text/plain; charset=UTF-8";

    private final OutputDirectoryCreator outputDirectories;
    private final EngineExecutionListener listener;

    StepEvidence(OutputDirectoryCreator outputDirectories, EngineExecutionListener listener) {
        this.outputDirectories = requireNonNull(outputDirectories);
        this.listener = requireNonNull(listener);
    }

    void publish(StepDescriptor descriptor, StepVerdict verdict) {
        Optional<Path> directory = directory(descriptor);
        if (directory.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        int run = 1;
        for (StepExecution execution : verdict.executions()) {
            int number = run++;
            Optional<Artifact> output = execution.output();
            if (output.isEmpty() || !written.add(output.get().digest())) {
                continue;
            }
            Path file = directory.get().resolve(descriptor.step().name() + ".run-" + number + ".txt");
            try {
                Files.writeString(file, output.get().content(), StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                notWritten(descriptor, file + ": " + e.getMessage());
                continue;
            }
            listener.fileEntryPublished(descriptor, FileEntry.from(file, MEDIA_TYPE));
        }
    }

    /** The step's output directory; empty where outputs are turned off, as EngineTestKit does unless told otherwise. */
    private Optional<Path> directory(StepDescriptor descriptor) {
        try {
            return Optional.of(outputDirectories.createOutputDirectory(descriptor));
        } catch (JUnitException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            notWritten(descriptor, String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    private void notWritten(StepDescriptor descriptor, String why) {
        listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of("reprounit.output.file",
                "not written: " + why)));
    }
}
