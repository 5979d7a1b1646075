package io.reprounit.run;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactReadException;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forked JVM's side of {@link StoredInputs}: reads back the outputs a request gives, as the steps upstream of the
 * ones it runs would have returned them. All or nothing: where one cannot be read back, none is given, and the run
 * goes through the steps upstream as any run does, which is slower but proves the same.
 */
final class GivenInputs {

    private GivenInputs() {}

    /** The given steps' executions, their values put in {@code outputs}; empty where none is given or one fails. */
    static Map<String, StepExecution> read(ForkedRunRequest request, PipelineDefinition pipeline,
            Materializers materializers, Map<String, Object> outputs) {
        ArtifactStore store = request.store();
        if (request.given().isEmpty() || store == null) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, StepExecution> executions = new LinkedHashMap<>();
        try {
            Path scratch = Files.createDirectories(Path.of(request.results()).resolveSibling("given-inputs"));
            for (ForkedRunRequest.StoredInput input : request.given()) {
                StepDefinition step = pipeline.step(input.step()).orElseThrow(() -> new IllegalStateException(
                        "the pipeline has no step '" + input.step() + "'"));
                values.put(input.step(), materializers.readBack(store, input.digest(), input.bytesDigest(),
                        input.mediaType(), step.method().getGenericReturnType(), step.normalization(),
                        scratch.resolve(input.step())));
                Artifact output = Artifact.restored(input.digest(), input.bytesDigest(), input.size(),
                        input.mediaType(), new byte[0]);
                executions.put(input.step(), StepExecution.succeeded(input.step(), Map.of(), output, Duration.ZERO,
                        Fingerprint.empty()));
            }
        } catch (ArtifactReadException | IOException | UncheckedIOException | IllegalStateException e) {
            System.out.println("ReproUnit: the inputs kept by run 1 cannot be read back (" + e.getMessage() + "); this"
                    + " run goes through the steps upstream instead");
            return Map.of();
        }
        outputs.putAll(values);
        return executions;
    }
}
