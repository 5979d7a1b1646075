package io.reprounit.engine;

import io.reprounit.artifact.AtomicFiles;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineYaml;
import io.reprounit.pipeline.PipelineNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The baseline file of one pipeline, {@code <name>.yaml}, and its {@code <name>.received.yaml} beside it, written when a
 * check against the baseline fails and deleted when it passes again. Every write goes to a temporary file first and is
 * then moved into place ({@link AtomicFiles}), so that an interrupted write never leaves half a baseline.
 */
final class BaselineFiles {

    private final Path expected;
    private final Path received;

    /** @throws BaselineCheck.BaselineSetupException where a file would not be inside {@code directory} */
    BaselineFiles(Path directory, String pipelineName) {
        this.expected = inside(directory, pipelineName + ".yaml");
        this.received = inside(directory, pipelineName + ".received.yaml");
    }

    /**
     * {@code directory/fileName}, refused unless it normalizes to a file directly inside the directory: discovery
     * refuses such pipeline names already, and this keeps any other way to one from writing elsewhere.
     */
    private static Path inside(Path directory, String fileName) {
        try {
            Path file = directory.resolve(fileName);
            Path base = directory.toAbsolutePath().normalize();
            Path normalized = file.toAbsolutePath().normalize();
            if (base.equals(normalized.getParent())) {
                return file;
            }
        } catch (InvalidPathException e) {
            // refused below, with what to do
        }
        throw new BaselineCheck.BaselineSetupException("The baseline file '" + PipelineNames.shown(fileName)
                + "' would not be a file inside the baseline directory " + directory + "; nothing was read or written."
                + " Give the pipeline a name of letters, digits, '-', '_' and single dots.");
    }

    Path expected() {
        return expected;
    }

    Path received() {
        return received;
    }

    /**
     * The recorded baseline, or empty where there is none; a malformed one, or one with a record of a step not in
     * {@code steps}, throws, naming file and line.
     */
    Optional<Baseline> read(Collection<String> steps) {
        if (!Files.exists(expected)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BaselineYaml.read(Files.readAllBytes(expected), expected.toString(), steps));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the baseline " + expected + ": " + e.getMessage(), e);
        }
    }

    void writeExpected(Baseline baseline) {
        write(expected, baseline);
    }

    void writeReceived(Baseline baseline) {
        write(received, baseline);
    }

    void deleteReceived() {
        try {
            Files.deleteIfExists(received);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + received + ", left from an earlier failure", e);
        }
    }

    private static void write(Path file, Baseline baseline) {
        try {
            AtomicFiles.replace(file, BaselineYaml.write(baseline).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
