package io.reprounit.run;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The results file of a forked run: JSON lines, one written and flushed as each step starts and as it ends. Lines
 * rather than one document, so that a run killed in a hang still tells which steps ended and which one was running;
 * the outputs travel in the file (digest, size, media type and the same bounded head of bytes a run in this JVM keeps),
 * each with where the forked JVM kept its whole form in the artifact store they share (or why it did not), so that the
 * test JVM records it exactly as it records a run of its own.
 */
final class ForkedResults {

    private static final int MAX_CAUSES = 8;

    /** What a results file says; {@code running} is the step that started and did not end. */
    record Read(List<StepExecution> steps, Map<String, List<StepExecution>> replays, Optional<String> running,
            Optional<String> problem, boolean finished, Map<String, String> environment,
            Map<String, Set<String>> shuffledCalls) {}

    private ForkedResults() {}

    /** Writes the lines of a forked run as it goes, in {@link ForkJson}. */
    static final class Writer implements PipelineRunner.Progress, AutoCloseable {
        private final BufferedWriter out;

        Writer(Path file) throws IOException {
            this.out = OwnerOnly.newWriter(file);
        }

        @Override
        public void stepStarting(String step) {
            line(object("type", "started", "step", step));
        }

        @Override
        public void stepFinished(StepExecution execution) {
            Map<String, Object> node = encode(execution);
            node.put("type", "step");
            line(node);
        }

        @Override
        public void shuffledCalls(String step, List<String> kinds) {
            line(object("type", "shuffled", "step", step, "calls", kinds));
        }

        void replayed(StepExecution execution) {
            Map<String, Object> node = encode(execution);
            node.put("type", "replay");
            line(node);
        }

        void problem(String message) {
            line(object("type", "problem", "message", message));
        }

        void finished(Map<String, String> environment) {
            line(object("type", "finished", "environment", environment));
        }

        private void line(Map<String, Object> node) {
            try {
                out.write(ForkJson.line(node) + "\n");
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> node = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }

    /** @param store the artifact store the forked JVM kept outputs in, over the same directory; null where none */
    static Read read(Path file, @Nullable ArtifactStore store) {
        List<StepExecution> steps = new ArrayList<>();
        Map<String, List<StepExecution>> replays = new LinkedHashMap<>();
        String running = null;
        String problem = null;
        boolean finished = false;
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Set<String>> shuffled = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the results of a forked run, " + file, e);
        }
        for (String line : lines) {
            ForkJson.Node node;
            try {
                node = ForkJson.read(new StringReader(line));
            } catch (RuntimeException e) {
                continue; // the last line of a JVM killed while writing it
            }
            switch (node.text("type")) {
                case "started" -> running = node.text("step");
                case "step" -> {
                    steps.add(decode(node, store));
                    running = null;
                }
                case "replay" -> replays.computeIfAbsent(node.text("step"), s -> new ArrayList<>())
                        .add(decode(node, store));
                case "problem" -> problem = node.text("message");
                case "shuffled" -> shuffled.computeIfAbsent(node.text("step"), s -> new LinkedHashSet<>())
                        .addAll(node.texts("calls"));
                case "finished" -> {
                    finished = true;
                    environment.putAll(node.strings("environment"));
                }
                default -> { }
            }
        }
        return new Read(steps, replays, Optional.ofNullable(running), Optional.ofNullable(problem), finished, environment,
                shuffled);
    }

    private static Map<String, Object> encode(StepExecution execution) {
        Map<String, Object> node = object("step", execution.step(), "status", execution.status().name(),
                "nanos", execution.duration().toNanos(), "arguments", execution.argumentDigests());
        execution.output().ifPresent(output -> node.put("output", object("digest", output.digest(),
                "bytesDigest", output.bytesDigest(), "size", output.size(), "mediaType", output.mediaType(),
                "head", Base64.getEncoder().encodeToString(output.bytes()), "kept", kept(output.kept()),
                "parts", output.parts())));
        execution.failure().ifPresent(failure -> node.put("failure", failure(failure, 0)));
        execution.notRunReason().ifPresent(reason -> node.put("notRunReason", reason));
        List<Object> parts = new ArrayList<>();
        execution.fingerprint().parts().forEach(part -> parts.add(object("aspect", part.aspect().name(),
                "name", part.name(), "value", part.value(), "digest", part.digest())));
        node.put("fingerprint", parts);
        List<Object> snapshots = new ArrayList<>();
        execution.dataSnapshots().forEach(snapshot -> {
            Map<String, Object> kept = object("name", snapshot.name(), "kind", snapshot.kind().name(),
                    "size", snapshot.size(), "files", snapshot.files());
            if (snapshot.digest() != null) {
                kept.put("digest", snapshot.digest());
            }
            if (snapshot.notKept() != null) {
                kept.put("notKept", snapshot.notKept());
            }
            snapshots.add(kept);
        });
        node.put("dataSnapshots", snapshots);
        return node;
    }

    private static Map<String, Object> kept(Artifact.Kept kept) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (kept.location() != null) {
            node.put("location", kept.location());
        }
        if (kept.notKeptReason() != null) {
            node.put("notKeptReason", kept.notKeptReason());
        }
        return node;
    }

    private static Artifact.Kept kept(ForkJson.Node node, @Nullable ArtifactStore store) {
        if (node.has("location") && store != null) {
            return Artifact.Kept.at(store, node.text("location"));
        }
        return node.has("notKeptReason") ? Artifact.Kept.skipped(node.text("notKeptReason")) : Artifact.Kept.NOWHERE;
    }

    private static StepExecution decode(ForkJson.Node node, @Nullable ArtifactStore store) {
        String step = node.text("step");
        Map<String, String> arguments = node.strings("arguments");
        Duration duration = Duration.ofNanos(node.number("nanos"));
        List<FingerprintPart> parts = new ArrayList<>();
        for (ForkJson.Node part : node.nodes("fingerprint")) {
            parts.add(new FingerprintPart(Aspect.valueOf(part.text("aspect")), part.text("name"), part.text("value"),
                    part.text("digest")));
        }
        Fingerprint fingerprint = Fingerprint.of(parts);
        List<DataSnapshot> snapshots = new ArrayList<>();
        for (ForkJson.Node snapshot : node.has("dataSnapshots") ? node.nodes("dataSnapshots") : List.<ForkJson.Node>of()) {
            snapshots.add(new DataSnapshot(snapshot.text("name"), DataSnapshot.Kind.valueOf(snapshot.text("kind")),
                    snapshot.textOrNull("digest"), snapshot.number("size"), (int) snapshot.number("files"),
                    snapshot.textOrNull("notKept")));
        }
        return decoded(node, step, arguments, duration, fingerprint, store).withDataSnapshots(snapshots);
    }

    private static StepExecution decoded(ForkJson.Node node, String step, Map<String, String> arguments,
            Duration duration, Fingerprint fingerprint, @Nullable ArtifactStore store) {
        return switch (StepExecution.Status.valueOf(node.text("status"))) {
            case SUCCEEDED -> {
                ForkJson.Node output = node.node("output");
                yield StepExecution.succeeded(step, arguments, Artifact.restored(output.text("digest"),
                        output.text("bytesDigest"), output.number("size"), output.text("mediaType"),
                        Base64.getDecoder().decode(output.text("head")), kept(output.node("kept"), store))
                        .withParts(output.texts("parts")), duration, fingerprint);
            }
            case FAILED -> StepExecution.failed(step, arguments, failure(node.node("failure")), duration, fingerprint);
            case NOT_RUN -> StepExecution.notRun(step, node.text("notRunReason"), fingerprint);
        };
    }

    private static Map<String, Object> failure(Throwable failure, int depth) {
        Map<String, Object> node = object("class", failure.getClass().getName());
        if (failure.getMessage() != null) {
            node.put("message", failure.getMessage());
        }
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement frame : failure.getStackTrace()) {
            frames.add(object("class", frame.getClassName(), "method", frame.getMethodName(), "file",
                    frame.getFileName(), "line", frame.getLineNumber()));
        }
        node.put("frames", frames);
        if (failure.getCause() != null && failure.getCause() != failure && depth < MAX_CAUSES) {
            node.put("cause", failure(failure.getCause(), depth + 1));
        }
        return node;
    }

    private static ForkedFailure failure(ForkJson.Node node) {
        @Nullable ForkedFailure cause = node.has("cause") ? failure(node.node("cause")) : null;
        ForkedFailure failure = new ForkedFailure(node.text("class"), node.textOrNull("message"), cause);
        List<StackTraceElement> frames = new ArrayList<>();
        for (ForkJson.Node frame : node.nodes("frames")) {
            frames.add(new StackTraceElement(frame.text("class"), frame.text("method"), frame.textOrNull("file"),
                    (int) frame.number("line")));
        }
        failure.setStackTrace(frames.toArray(StackTraceElement[]::new));
        return failure;
    }
}
