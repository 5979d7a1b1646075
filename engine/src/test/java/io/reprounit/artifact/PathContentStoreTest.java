package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Path} outputs kept in the artifact store file by file, in the pass that digests them. */
class PathContentStoreTest {

    @TempDir
    Path directory;

    @Test
    void aFileOutputLargerThanTheBytesHeldInMemoryIsKeptWhole() throws Exception {
        byte[] bytes = new byte[6 << 20];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(directory.resolve("features.bin"), bytes);
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"));

        Artifact artifact = PathContent.materialize(file, new ValueEncoder(List.of()), store);

        assertThat(artifact.digest()).isEqualTo(Digests.sha256(bytes));
        assertThat(artifact.mediaType()).isEqualTo(Artifact.BINARY);
        assertThat(artifact.isComplete()).isFalse();
        assertThat(artifact.kept().location()).isEqualTo(ArtifactStore.location(artifact.digest()));
        try (var in = artifact.open().orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aDirectoryOutputKeepsEachFileByItsDigestAndItsListing() throws Exception {
        Path output = Files.createDirectories(directory.resolve("export/part"));
        Files.writeString(output.resolve("a.csv"), "id,value\n1,0.5\n");
        Files.writeString(output.resolve("b.csv"), "id,value\n2,0.25\n");
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"));

        Artifact listing = PathContent.materialize(directory.resolve("export"), new ValueEncoder(List.of()), store);

        assertThat(store.read(PathContent.digest(output.resolve("a.csv")))).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("id,value\n1,0.5\n"));
        assertThat(store.read(PathContent.digest(output.resolve("b.csv")))).isPresent();
        assertThat(listing.kept().location()).isNotNull();
        assertThat(store.read(listing.digest())).hasValue(listing.bytes());
        assertThat(listing).isEqualTo(PathContent.materialize(directory.resolve("export"), new ValueEncoder(List.of())));
    }
}
