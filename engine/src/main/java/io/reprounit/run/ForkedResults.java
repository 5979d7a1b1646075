package io.reprounit.run;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results file of a forked run: JSON lines, one written and flushed as each step starts and as it ends. Lines
 * rather than one document, so that a run killed in a hang still tells which steps ended and which one was running;
 * the outputs travel in the file (digest, size, media type and the same bounded head of bytes a run in this JVM keeps),
 * each with where the forked JVM kept its whole form in the artifact store they share (or why it did not), so that the
 * test JVM records it exactly as it records a run of its own.
 */
final class ForkedResults {

    /** Only the test JVM reads, so only it pays for a mapper. */
    private static final class Reading {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
    private static final int MAX_CAUSES = 8;

    /** What a results file says; {@code running} is the step that started and did not end. */
    record Read(List<StepExecution> steps, Map<String, List<StepExecution>> replays, Optional<String> running,
            Optional<String> problem, boolean finished, Map<String, String> environment) {}

    private ForkedResults() {}

    /**
     * Writes the lines of a forked run as it goes, with a JSON writer of its own: Jackson's data binding would cost the
     * forked JVM far more class loading than the lines are worth.
     */
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
                StringBuilder text = new StringBuilder();
                JsonText.write(node, text);
                out.write(text.append('\n').toString());
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the results of a forked run, " + file, e);
        }
        for (String line : lines) {
            JsonNode node;
            try {
                node = Reading.JSON.readTree(line);
            } catch (JacksonException e) {
                continue; // the last line of a JVM killed while writing it
            }
            switch (node.path("type").asString()) {
                case "started" -> running = node.path("step").asString();
                case "step" -> {
                    steps.add(decode(node, store));
                    running = null;
                }
                case "replay" -> replays.computeIfAbsent(node.path("step").asString(), s -> new ArrayList<>())
                        .add(decode(node, store));
                case "problem" -> problem = node.path("message").asString();
                case "finished" -> {
                    finished = true;
                    node.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asString()));
                }
                default -> { }
            }
        }
        return new Read(steps, replays, Optional.ofNullable(running), Optional.ofNullable(problem), finished, environment);
    }

    private static Map<String, Object> encode(StepExecution execution) {
        Map<String, Object> node = object("step", execution.step(), "status", execution.status().name(),
                "nanos", execution.duration().toNanos(), "arguments", execution.argumentDigests());
        execution.output().ifPresent(output -> node.put("output", object("digest", output.digest(),
                "bytesDigest", output.bytesDigest(), "size", output.size(), "mediaType", output.mediaType(),
                "head", Base64.getEncoder().encodeToString(output.bytes()), "kept", kept(output.kept()))));
        execution.failure().ifPresent(failure -> node.put("failure", failure(failure, 0)));
        execution.notRunReason().ifPresent(reason -> node.put("notRunReason", reason));
        List<Object> parts = new ArrayList<>();
        execution.fingerprint().parts().forEach(part -> parts.add(object("aspect", part.aspect().name(),
                "name", part.name(), "value", part.value(), "digest", part.digest())));
        node.put("fingerprint", parts);
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

    private static Artifact.Kept kept(JsonNode node, @Nullable ArtifactStore store) {
        if (node.has("location") && store != null) {
            return Artifact.Kept.at(store, node.path("location").asString());
        }
        return node.has("notKeptReason") ? Artifact.Kept.skipped(node.path("notKeptReason").asString())
                : Artifact.Kept.NOWHERE;
    }

    private static StepExecution decode(JsonNode node, @Nullable ArtifactStore store) {
        String step = node.path("step").asString();
        Map<String, String> arguments = new LinkedHashMap<>();
        node.path("arguments").properties().forEach(e -> arguments.put(e.getKey(), e.getValue().asString()));
        Duration duration = Duration.ofNanos(node.path("nanos").asLong());
        List<FingerprintPart> parts = new ArrayList<>();
        for (JsonNode part : node.path("fingerprint")) {
            parts.add(new FingerprintPart(Aspect.valueOf(part.path("aspect").asString()), part.path("name").asString(),
                    part.path("value").asString(), part.path("digest").asString()));
        }
        Fingerprint fingerprint = Fingerprint.of(parts);
        return switch (StepExecution.Status.valueOf(node.path("status").asString())) {
            case SUCCEEDED -> {
                JsonNode output = node.path("output");
                yield StepExecution.succeeded(step, arguments, Artifact.restored(output.path("digest").asString(),
                        output.path("bytesDigest").asString(), output.path("size").asLong(), output.path("mediaType").asString(),
                        Base64.getDecoder().decode(output.path("head").asString()), kept(output.path("kept"), store)),
                        duration, fingerprint);
            }
            case FAILED -> StepExecution.failed(step, arguments, failure(node.path("failure")), duration, fingerprint);
            case NOT_RUN -> StepExecution.notRun(step, node.path("notRunReason").asString(), fingerprint);
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

    private static ForkedFailure failure(JsonNode node) {
        @Nullable ForkedFailure cause = node.has("cause") ? failure(node.path("cause")) : null;
        ForkedFailure failure = new ForkedFailure(node.path("class").asString(),
                node.has("message") ? node.path("message").asString() : null, cause);
        List<StackTraceElement> frames = new ArrayList<>();
        for (JsonNode frame : node.path("frames")) {
            frames.add(new StackTraceElement(frame.path("class").asString(), frame.path("method").asString(),
                    frame.path("file").isNull() ? null : frame.path("file").asString(), frame.path("line").asInt()));
        }
        failure.setStackTrace(frames.toArray(StackTraceElement[]::new));
        return failure;
    }
}
