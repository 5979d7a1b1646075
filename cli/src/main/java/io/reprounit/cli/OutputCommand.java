package io.reprounit.cli;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CanonicalText;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "output", mixinStandardHelpOptions = true,
        description = "Prints a step's output as the artifact store keeps it, or saves it to a file with -o. A"
        + " structured value is shown as the text that failure messages quote; text as it is; other bytes only to a"
        + " file. The bytes are checked against their digest as they are read.")
final class OutputCommand implements Callable<Integer> {

    @Mixin StoreOptions options = new StoreOptions();
    @Mixin ArtifactsOption artifacts = new ArtifactsOption();
    @Spec @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run id>", description = "A run, such as 17.2; a check id such as 17 means"
            + " its first run.")
    String run = "";

    @Parameters(index = "1", paramLabel = "<step>", description = "The step whose output to print or save.")
    String step = "";

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Save the output to this file, whole:"
            + " a structured value as text, anything else as its exact bytes.")
    @Nullable Path file;

    @Override
    public Integer call() {
        StoredRun stored;
        try (MetadataStore store = options.open()) {
            stored = store.run(run);
        }
        StoredStep output = stored.step(step).orElseThrow(() -> new StoreException("Run " + stored.id() + " has no step '"
                + step + "'; its steps: " + stored.steps().stream().map(StoredStep::step)
                .collect(Collectors.joining(", ")) + "."));
        String digest = output.output();
        String what = "The output of step " + output.step() + " in run " + stored.id();
        if (digest == null) {
            throw new StoreException(what + " was not recorded: the step " + output.status().toLowerCase(
                    java.util.Locale.ROOT) + (output.problem() == null ? "." : ": " + output.problem()));
        }
        if (output.keptAt() == null) {
            throw new StoreException(what + " is not in the artifact store: " + (output.notKept() != null
                    ? output.notKept() : "no reason was recorded") + ".");
        }
        ArtifactStore store = artifacts.store(options);
        String mediaType = output.mediaType() == null ? Artifact.BINARY : output.mediaType();
        PrintWriter out = ReproUnitCli.out(spec);
        if (file != null) {
            long written = save(file, store, digest, mediaType, what);
            out.println(Formats.text("Saved " + what.substring(4) + " (" + digest + ", " + mediaType + ") to "
                    + file + ": " + String.format("%,d", written) + " bytes."));
            return 0;
        }
        if (Artifact.CANONICAL.equals(mediaType)) {
            try (InputStream in = open(store, digest, what)) {
                String text = CanonicalText.render(in, CanonicalText.CONTENT_LIMIT);
                text.lines().forEach(line -> out.println(Formats.textKeepingTabs(line)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (mediaType.startsWith("text/")) {
            try (InputStream in = open(store, digest, what)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .forEach(line -> out.println(Formats.textKeepingTabs(line)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            throw new StoreException(what + " is " + mediaType + ", " + String.format("%,d", output.size() == null ? 0
                    : output.size()) + " bytes, which a terminal cannot show; save it with -o <file>.");
        }
        return 0;
    }

    private InputStream open(ArtifactStore store, String digest, String what) {
        return store.open(digest).orElseThrow(() -> new StoreException(what + " (" + digest + ") is missing from the"
                + " artifact store " + store.root() + "; `reprounit verify` checks every artifact, and the next check"
                + " that produces it writes its file again."));
    }

    /** Writes the output to a file beside {@link #file} first, so that a damaged artifact leaves no file half written. */
    private long save(Path file, ArtifactStore store, String digest, String mediaType, String what) {
        Path target = file.toAbsolutePath();
        Path directory = java.util.Objects.requireNonNull(target.getParent(), "an absolute file lies in a directory");
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "." + target.getFileName(), ".part");
            try {
                try (InputStream in = open(store, digest, what); OutputStream to = Files.newOutputStream(partial)) {
                    if (Artifact.CANONICAL.equals(mediaType)) {
                        Writer writer = new java.io.OutputStreamWriter(to, StandardCharsets.UTF_8);
                        writer.write(CanonicalText.render(in, Integer.MAX_VALUE));
                        writer.write('\n');
                        writer.flush();
                    } else {
                        in.transferTo(to);
                    }
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                return Files.size(target);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot save " + what.substring(4) + " to " + file + ": " + e.getMessage());
        }
    }
}
