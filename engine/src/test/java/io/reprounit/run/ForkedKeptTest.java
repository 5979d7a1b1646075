package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a forked JVM learns where to keep outputs, and how it tells the test JVM where it kept them. */
class ForkedKeptTest {

    @TempDir
    Path directory;

    @Test
    void theRequestCarriesTheStoresDirectoryAndMaximumSize() throws Exception {
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"))
                .withMaxSize(64_000_000, "reprounit.artifacts.max-size = 64MB");
        ForkedRunRequest request = new ForkedRunRequest("com.example.P", List.of(), null, List.of("a"), 1, List.of(),
                "/tmp", Map.of(), false, List.of(), 0, "results.jsonl", store.root().toString(), store.maxSize(), store.maxSizeSetting(),
                true, null, Map.of(), List.of(), Map.of(), null);

        ArtifactStore read = roundTrip(request).store();

        assertThat(read.root()).isEqualTo(store.root());
        assertThat(read.maxSize()).isEqualTo(64_000_000);
        assertThat(read.maxSizeSetting()).isEqualTo("reprounit.artifacts.max-size = 64MB");
        ForkedRunRequest none = new ForkedRunRequest("com.example.P", List.of(), null, List.of("a"), 1, List.of(),
                "/tmp", Map.of(), false, List.of(), 0, "results.jsonl", null, Long.MAX_VALUE, null, true, null, Map.of(), List.of(), Map.of(), null);
        assertThat(roundTrip(none).store()).isNull();
    }

    /** A forked JVM keeps its outputs in the same bucket: it opens the remote tier again from the request. */
    @Test
    void theRequestCarriesTheRemoteTierAndAForkedStoreReadsThroughIt() throws Exception {
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"))
                .withRemote(io.reprounit.artifact.s3.TestS3.tier("forked-request"));
        io.reprounit.artifact.RemoteTier remote = java.util.Objects.requireNonNull(store.remote());
        ForkedRunRequest request = new ForkedRunRequest("com.example.P", List.of(), null, List.of("a"), 1, List.of(),
                "/tmp", Map.of(), false, List.of(), 0, "results.jsonl", store.root().toString(), store.maxSize(), store.maxSizeSetting(),
                true, remote.url(), remote.options(), List.of(), Map.of(), null);
        byte[] bytes = "kept by the test JVM".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.format(Digests.newSha256().digest(bytes));
        try (ArtifactStore.Upload upload = store.upload()) {
            upload.write(bytes, 0, bytes.length);
            assertThat(upload.finish(digest, bytes.length).location()).isNotNull();
        }

        ForkedRunRequest read = roundTrip(request);
        assertThat(read.remoteUrl()).isEqualTo("s3://" + io.reprounit.artifact.s3.TestS3.BUCKET + "/forked-request");
        assertThat(read.remoteOptions()).doesNotContainKeys("aws.accessKeyId", "aws.secretAccessKey");
        ArtifactStore forked = new ForkedRunRequest(read.pipelineClass(), List.of(), null, read.steps(), read.run(),
                read.overrides(), read.originalDirectory(), read.systemProperties(), false, List.of(), 0, read.results(),
                directory.resolve("fork-artifacts").toString(), Long.MAX_VALUE, null, true, read.remoteUrl(),
                read.remoteOptions(), List.of(), Map.of(), null).store();

        assertThat(forked.remote()).isNotNull();
        assertThat(forked.read(digest)).hasValue(bytes);
    }

    /** The request as the forked JVM reads it from its standard input. */
    private static ForkedRunRequest roundTrip(ForkedRunRequest request) throws java.io.IOException {
        java.io.ByteArrayOutputStream stdin = new java.io.ByteArrayOutputStream();
        request.write(stdin);
        return ForkedRunRequest.read(new java.io.ByteArrayInputStream(stdin.toByteArray()));
    }

    @Test
    void eachOutputComesBackWithWhereItIsKeptOrWhyNot() throws Exception {
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"));
        Artifact kept = output("kept", Artifact.Kept.at(store, "sha256/ab/cdef.zst"));
        Artifact skipped = output("skipped", Artifact.Kept.skipped("larger than reprounit.artifacts.max-size = 1KB"));
        Path results = directory.resolve("results.jsonl");

        try (ForkedResults.Writer writer = new ForkedResults.Writer(results)) {
            writer.stepFinished(StepExecution.succeeded("a", Map.of(), kept, Duration.ZERO, Fingerprint.empty()));
            writer.stepFinished(StepExecution.succeeded("b", Map.of(), skipped, Duration.ZERO, Fingerprint.empty()));
        }
        List<StepExecution> read = ForkedResults.read(results, store).steps();

        Artifact.Kept first = read.get(0).output().orElseThrow().kept();
        assertThat(first.store()).isSameAs(store);
        assertThat(first.location()).isEqualTo("sha256/ab/cdef.zst");
        assertThat(read.get(1).output().orElseThrow().kept().notKeptReason())
                .isEqualTo("larger than reprounit.artifacts.max-size = 1KB");
        assertThat(ForkedResults.read(results, null).steps().get(0).output().orElseThrow().kept())
                .as("no store in the test JVM: nowhere to open it").isEqualTo(Artifact.Kept.NOWHERE);
    }

    private static Artifact output(String text, Artifact.Kept kept) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Artifact.restored(Digests.sha256(bytes), Digests.sha256(bytes), bytes.length, Artifact.TEXT, bytes, kept);
    }
}
