package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CorruptedArtifactException;
import io.reprounit.artifact.Digests;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Outputs streamed into the artifact store through {@link ArtifactStore#upload()}, as the encoder writes them. */
@ParameterizedClass
@EnumSource(ArtifactStoreKind.class)
class StreamedUploadTest {

    @Parameter
    ArtifactStoreKind kind;

    @TempDir
    Path directory;

    @Test
    void aTenMegabyteOutputIsKeptWholeAndReadBackVerified() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = randomDoubles(10 << 20);

        Artifact.Kept kept = upload(store, bytes, 1000);

        assertThat(kept.location()).isEqualTo(ArtifactStore.location(Digests.sha256(bytes)));
        assertThat(kept.notKeptReason()).isNull();
        assertThat(store.read(Digests.sha256(bytes))).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(files()).containsExactly(directory.resolve(kept.location()));
    }

    @Test
    void repetitiveBytesAreStoredCompressedAndStreamedBackDecompressed() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = records(200_000);

        Artifact.Kept kept = upload(store, bytes, 777);

        assertThat(kept.location()).endsWith(".zst");
        assertThat(Files.size(directory.resolve(kept.location()))).isLessThan(bytes.length / 2);
        try (InputStream in = store.open(Digests.sha256(bytes)).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(ArtifactStore.codec(kept.location())).isEqualTo("zstd");
    }

    @Test
    void theSameDigestUploadedAgainLeavesOneFile() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = records(50_000);

        Artifact.Kept first = upload(store, bytes, 4096);
        Artifact.Kept second = upload(store, bytes, 65536);

        assertThat(second.location()).isEqualTo(first.location());
        assertThat(files()).containsExactly(directory.resolve(first.location()));
    }

    @Test
    void outputsThatBeginLikeOneStoredLatelyButDifferAreEachStoredWhole() throws Exception {
        ArtifactStore store = kind.open(directory);
        for (byte[] first : List.of(randomDoubles(5 << 20), records(150_000))) {
            upload(store, first, 65536);
            byte[] later = first.clone();
            later[(3 << 20) + 5] ^= 1; // differs in the fourth chunk
            byte[] shorter = java.util.Arrays.copyOf(first, (2 << 20) + 100);
            byte[] longer = java.util.Arrays.copyOf(first, first.length + 3000);

            for (byte[] bytes : List.of(later, shorter, longer, first)) {
                Artifact.Kept kept = upload(store, bytes, 10_000);
                assertThat(kept.location()).startsWith(ArtifactStore.location(Digests.sha256(bytes)));
                assertThat(store.read(Digests.sha256(bytes))).hasValueSatisfying(read -> assertThat(read)
                        .isEqualTo(bytes));
            }
        }
        assertThat(files()).hasSize(8);
    }

    @Test
    void anOutputWhoseBytesAreThoseOfADamagedFileIsStoredUnderItsOwnDigest() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] original = randomDoubles(3 << 20);
        Path file = directory.resolve(upload(store, original, 65536).location());
        byte[] damaged = original.clone();
        damaged[damaged.length - 1] ^= 1;
        Files.write(file, damaged);

        Artifact.Kept kept = upload(store, damaged, 65536);

        assertThat(kept.location()).isEqualTo(ArtifactStore.location(Digests.sha256(damaged)));
        assertThat(store.read(Digests.sha256(damaged))).hasValueSatisfying(read -> assertThat(read).isEqualTo(damaged));
    }

    @Test
    void twoConcurrentUploadsOfTheSameDigestLeaveOneGoodFile() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = records(100_000);
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<Artifact.Kept>> uploads = Stream.of(1000, 3000).map(chunk -> CompletableFuture.supplyAsync(
                () -> {
                    try (ArtifactStore.Upload upload = store.upload()) {
                        write(upload, bytes, chunk);
                        together.await();
                        return upload.finish(Digests.sha256(bytes), bytes.length);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();

        assertThat(uploads.get(0).join().location()).isEqualTo(uploads.get(1).join().location());
        assertThat(files()).hasSize(1);
        assertThat(store.read(Digests.sha256(bytes))).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
    }

    @Test
    void anAbandonedUploadLeavesNoFile() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = randomDoubles(6 << 20);

        try (ArtifactStore.Upload upload = store.upload()) {
            write(upload, bytes, 100_000); // more than the buffers hold: the writer thread has begun a file
        }

        assertThat(files()).isEmpty();
    }

    @Test
    void theTemporaryFileOfAWriterThatDiedIsRemovedByGarbageCollectionOnceOld() throws Exception {
        ArtifactStore store = kind.open(directory);
        ArtifactStore.Upload dying = store.upload();
        dying.write(new byte[100], 0, 100); // never finished nor closed, as in a JVM that was killed
        Path temporary = files().get(0);

        assertThat(store.removeAllExcept(Set.of(), Duration.ofHours(1))).isEmpty();
        assertThat(temporary).exists();
        Files.setLastModifiedTime(temporary, java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(store.removeAllExcept(Set.of(), Duration.ofHours(1))).as("not an artifact").isEmpty();
        assertThat(temporary).doesNotExist();
    }

    @Test
    void anOutputLargerThanTheMaximumSizeIsDigestedButNotKept() throws Exception {
        ArtifactStore store = kind.open(directory).withMaxSize(3 << 20, "reprounit.artifacts.max-size = 3MiB");
        byte[] large = randomDoubles(5 << 20);
        byte[] small = randomDoubles(1 << 20);

        Artifact.Kept skipped = upload(store, large, 50_000);
        Artifact.Kept kept = upload(store, small, 50_000);

        assertThat(skipped.location()).isNull();
        assertThat(skipped.notKeptReason()).isEqualTo("larger than reprounit.artifacts.max-size = 3MiB");
        assertThat(kept.location()).isNotNull();
        assertThat(files()).containsExactly(directory.resolve(kept.location()));
    }

    @Test
    void aStoreThatCannotBeWrittenFailsNoStepButSaysWhyNothingWasKept() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        ArtifactStore store = kind.open(notADirectory);
        byte[] bytes = randomDoubles(1 << 16);

        Artifact.Kept kept = upload(store, bytes, 4096);

        assertThat(kept.location()).isNull();
        assertThat(kept.notKeptReason()).startsWith("the artifact store " + notADirectory + " could not write it");
    }

    @Test
    void aSizeThatIsNotWhatWasWrittenIsRefused() throws Exception {
        ArtifactStore store = kind.open(directory);
        ArtifactStore.Upload upload = store.upload();
        upload.write(new byte[10], 0, 10);

        assertThatThrownBy(() -> upload.finish(Digests.sha256(new byte[10]), 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 bytes, but 10 were written");
        assertThat(files()).isEmpty();
    }

    @Test
    void aCorruptedCompressedFileIsDetectedWhenRead() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = records(20_000);
        Path file = directory.resolve(upload(store, bytes, 8192).location());
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length / 2] ^= 0x5A;
        Files.write(file, stored);

        assertThatThrownBy(() -> store.read(Digests.sha256(bytes))).isInstanceOf(CorruptedArtifactException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("Delete the file");
    }

    @Test
    void aFileOfAnEarlierVersionStoredRawStaysReadableAndCollectable() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] bytes = "a, b, c\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(bytes);
        Path old = directory.resolve(ArtifactStore.location(digest));
        Files.createDirectories(old.getParent());
        Files.write(old, bytes);

        assertThat(store.read(digest)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(upload(store, bytes, 512).location()).isEqualTo(ArtifactStore.location(digest));
        assertThat(store.removeAllExcept(Set.of(), Duration.ZERO)).containsExactly(digest);
        assertThat(files()).isEmpty();
    }

    @Test
    void garbageCollectionRemovesCompressedFilesByTheirDigest() throws Exception {
        ArtifactStore store = kind.open(directory);
        byte[] orphan = records(10_000);
        byte[] kept = records(10_001);
        upload(store, orphan, 4096);
        upload(store, kept, 4096);

        assertThat(store.removeAllExcept(Set.of(Digests.sha256(kept)), Duration.ZERO))
                .containsExactly(Digests.sha256(orphan));
        assertThat(store.read(Digests.sha256(kept))).isPresent();
    }

    private static Artifact.Kept upload(ArtifactStore store, byte[] bytes, int chunk) {
        try (ArtifactStore.Upload upload = store.upload()) {
            write(upload, bytes, chunk);
            return upload.finish(Digests.sha256(bytes), bytes.length);
        }
    }

    private static void write(ArtifactStore.Upload upload, byte[] bytes, int chunk) {
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            upload.write(bytes, offset, Math.min(chunk, bytes.length - offset));
        }
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Doubles as a fit makes them: zstd gains little on them. */
    static byte[] randomDoubles(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        Random random = new Random(size);
        while (buffer.remaining() >= 8) {
            buffer.putDouble(random.nextGaussian());
        }
        return buffer.array();
    }

    /** Rows of a table in something like their canonical form: names repeat, zstd gains much. */
    static byte[] records(int rows) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(rows);
        for (int i = 0; i < rows; i++) {
            text.append("\f\rlabel\bcustomer-").append(random.nextInt(1 << 16)).append("\rid\u0003")
                    .append(i).append("\ractive").append(random.nextBoolean() ? '\u0002' : '\u0001').append('\u000f');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
