package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An output the artifact store cannot write for a full disk is not kept, and says so in one line: the disk is full, and
 * which store it holds. The disk is really full: the upload writes through a link to {@code /dev/full}, whose every
 * write the kernel answers with "No space left on device", for root and anyone else alike.
 */
class FullDiskUploadTest {

    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {100, 3 * ChunkPool.CHUNK + 17})
    void anOutputThatMeetsAFullDiskIsNotKeptAndSaysWhy(int size) throws Exception {
        ArtifactStore store = new ArtifactStore(directory.resolve("artifacts"));
        Path link = Files.createSymbolicLink(Files.createDirectories(store.root().resolve("sha256"))
                .resolve(".tmp-full"), FULL);
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);

        Artifact.Kept kept;
        try (ArtifactStore.Upload upload = store.upload(link)) {
            upload.write(bytes, 0, bytes.length);
            kept = upload.finish(Digests.sha256(bytes), bytes.length);
        }

        assertThat(kept.location()).isNull();
        assertThat(kept.notKeptReason()).isEqualTo("the disk holding the artifact store " + store.root() + " is full");
        try (Stream<Path> files = Files.walk(store.root())) {
            assertThat(files.filter(path -> !Files.isDirectory(path))).as("the link is gone, nothing written").isEmpty();
        }
        assertThat(FULL).as("only the link was removed").exists();
    }

    @Test
    void aFullDiskIsFoundAFewCausesDeep() throws Exception {
        java.io.IOException full;
        try (var out = Files.newOutputStream(FULL)) {
            out.write(new byte[1]);
            out.flush();
            throw new AssertionError("/dev/full took a byte");
        } catch (java.io.IOException e) {
            full = e;
        }

        assertThat(DiskFull.isBehind(new java.io.UncheckedIOException(new java.io.IOException("writer failed", full))))
                .isTrue();
        RuntimeException later = new RuntimeException("no transaction is active");
        later.addSuppressed(full);
        assertThat(DiskFull.isBehind(later)).isTrue();
        assertThat(DiskFull.isBehind(new java.io.IOException("Permission denied"))).isFalse();
    }
}
