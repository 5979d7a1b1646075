package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pass: the compared form digested, counted, its head kept in memory and the whole of it kept in the store. */
class StreamedArtifactTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    record Row(String id, Instant at, double score) {}

    @TempDir
    Path root;

    @Test
    void aStructuredOutputIsKeptWholeInTheStoreUnderItsDigest() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        double[] values = new double[700_000]; // 5.6 MB: more than an artifact keeps in memory
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5;
        }

        Artifact artifact = MATERIALIZERS.materialize(values, Normalization.none(), store);

        byte[] canonical = MATERIALIZERS.canonicalBytes(values);
        assertThat(artifact.isComplete()).isFalse();
        assertThat(artifact.size()).isEqualTo(canonical.length);
        assertThat(artifact.digest()).isEqualTo(Digests.sha256(canonical));
        assertThat(artifact.kept().location()).startsWith(ArtifactStore.location(artifact.digest()));
        assertThat(store.read(artifact.digest())).hasValue(canonical);
        try (var in = artifact.open().orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(canonical);
        }
        assertThat(MATERIALIZERS.materialize(values, Normalization.none(), store).kept())
                .as("the same output again is the same file").isEqualTo(artifact.kept());
    }

    @Test
    void textAndBytesAreKeptAsTheyAre() throws Exception {
        ArtifactStore store = new ArtifactStore(root);

        Artifact text = MATERIALIZERS.materialize("héllo", Normalization.none(), store);
        Artifact bytes = MATERIALIZERS.materialize(new byte[] {1, 2, 3}, Normalization.none(), store);

        assertThat(text.mediaType()).isEqualTo(Artifact.TEXT);
        assertThat(Files.readString(root.resolve(text.kept().location()))).isEqualTo("héllo");
        assertThat(text.digest()).isEqualTo(Digests.sha256("héllo".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readAllBytes(root.resolve(bytes.kept().location()))).containsExactly(1, 2, 3);
        assertThat(bytes.mediaType()).isEqualTo(Artifact.BINARY);
    }

    @Test
    void aNormalizedOutputKeepsItsComparedFormAndDigestsItsExactFormInASecondPass() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        Normalization ignore = Normalization.builder().ignoreFields(List.of("[].at")).build();
        List<Row> rows = List.of(new Row("a", Instant.now(), 0.5));

        Artifact artifact = MATERIALIZERS.materialize(rows, ignore, store);

        assertThat(artifact.bytesDigest()).isEqualTo(Digests.sha256(MATERIALIZERS.canonicalBytes(rows)));
        assertThat(artifact.digest()).isNotEqualTo(artifact.bytesDigest());
        assertThat(Digests.sha256(Files.readAllBytes(root.resolve(artifact.kept().location()))))
                .isEqualTo(artifact.digest());
    }

    @Test
    void withoutAStoreNothingIsKeptButTheHead() {
        Artifact artifact = MATERIALIZERS.materialize(List.of(1, 2, 3));

        assertThat(artifact.kept()).isEqualTo(Artifact.Kept.NOWHERE);
        assertThat(artifact.isComplete()).isTrue();
        assertThat(artifact.bytes()).isEqualTo(MATERIALIZERS.canonicalBytes(List.of(1, 2, 3)));
    }

    @Test
    void anOutputThatCannotBeEncodedLeavesNothingInTheStore() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(new Row("r" + i, Instant.EPOCH, i)); // several chunks streamed before the failure
        }
        rows.add(new Thread(() -> {}));

        assertThatThrownBy(() -> MATERIALIZERS.materialize(rows, Normalization.none(), store))
                .isInstanceOf(MaterializationException.class).hasMessageContaining("output[100000]");
        assertThatThrownBy(() -> MATERIALIZERS.materialize(List.of(1), Normalization.builder()
                .ignoreFields(List.of("missing")).build(), store)).hasMessageContaining("matches nothing");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
