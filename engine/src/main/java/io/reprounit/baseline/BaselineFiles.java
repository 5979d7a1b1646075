package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.AtomicFiles;
import io.reprounit.pipeline.PipelineNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The baseline file of one pipeline, {@code <name>.yaml}, and its {@code <name>.received.yaml} beside it, written when a
 * check against the baseline fails and deleted when it passes again. Every write goes to a temporary file first and is
 * then moved into place ({@link AtomicFiles}), so that an interrupted write never leaves half a baseline.
 *
 * <p>Received files stay beside their baseline, as ApprovalTests' do, so that {@code diff} and an IDE show the two side
 * by side; a {@code .gitignore} in the baseline directory, written with the first received file, keeps them out of
 * commits ({@code git add -A}).
 */
@API(status = INTERNAL, since = "0.1")
public final class BaselineFiles {

    /** The line of the baseline directory's {@code .gitignore} that keeps received files out of commits. */
    public static final String IGNORED = "*.received.yaml";

    private static final Object GITIGNORE_LOCK = new Object();

    private final Path directory;
    private final Path expected;
    private final Path received;

    /** @throws BaselineSetupException where a file would not be inside {@code directory} */
    public BaselineFiles(Path directory, String pipelineName) {
        this.directory = directory;
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
        throw new BaselineSetupException("The baseline file '" + PipelineNames.shown(fileName)
                + "' would not be a file inside the baseline directory " + directory + "; nothing was read or written."
                + " Give the pipeline a name of letters, digits, '-', '_' and single dots.");
    }

    public Path expected() {
        return expected;
    }

    public Path received() {
        return received;
    }

    /**
     * The recorded baseline, or empty where there is none; a malformed one, or one with a record of a step not in
     * {@code steps}, throws, naming file and line.
     */
    public Optional<Baseline> read(Collection<String> steps) {
        if (!Files.exists(expected)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BaselineYaml.read(Files.readAllBytes(expected), expected.toString(), steps));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the baseline " + expected + ": " + e.getMessage(), e);
        }
    }

    public void writeExpected(Baseline baseline) {
        write(expected, baseline);
    }

    /** Writes the received baseline, and makes sure git ignores received files in its directory. */
    public void writeReceived(Baseline baseline) {
        write(received, baseline);
        ignoreReceived(directory);
    }

    /**
     * Adds {@link #IGNORED} to the directory's {@code .gitignore}, creating it where there is none; a file that
     * already has the line is left as it is. Guarded, as pipelines checked in parallel may both write a received file.
     */
    static void ignoreReceived(Path directory) {
        Path gitignore = directory.resolve(".gitignore");
        synchronized (GITIGNORE_LOCK) {
            try {
                String text = Files.exists(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : "";
                if (text.lines().map(String::strip).anyMatch(IGNORED::equals)) {
                    return;
                }
                String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                AtomicFiles.replace(gitignore, (text + separator + "# Written by ReproUnit: received baselines are"
                        + " for review, not to commit.\n" + IGNORED + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot add " + IGNORED + " to " + gitignore + ": " + e.getMessage(), e);
            }
        }
    }

    public void deleteReceived() {
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
