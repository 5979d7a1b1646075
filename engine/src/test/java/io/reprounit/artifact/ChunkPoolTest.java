package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The chunks shared by every upload: they all come back, whatever becomes of the upload, and bound how far it runs ahead. */
@Timeout(60) // a chunk not given back shows as an upload that waits for ever
class ChunkPoolTest {

    @TempDir
    Path root;

    @Test
    void anUploadOfManyChunksGoesThroughAPoolOfTwoAndGivesThemAllBack() throws Exception {
        ChunkPool pool = new ChunkPool(2);
        byte[] bytes = random(10 * ChunkPool.CHUNK + 3);
        Path temporary = Files.createTempFile(root, "upload", "");

        UploadPipe pipe = new UploadPipe(temporary, root, null, pool);
        write(pipe, bytes);
        UploadSink.Written written = pipe.finish();

        assertThat(written.failure()).isNull();
        assertThat(Files.readAllBytes(temporary)).isEqualTo(bytes);
        assertThat(pool.available()).isEqualTo(2);
    }

    @Test
    void anAbandonedUploadGivesItsChunksBackAndLeavesNoFile() throws Exception {
        ChunkPool pool = new ChunkPool(3);
        Path temporary = Files.createTempFile(root, "upload", "");

        UploadPipe pipe = new UploadPipe(temporary, root, null, pool);
        write(pipe, random(5 * ChunkPool.CHUNK));
        pipe.abandon();

        assertThat(temporary).doesNotExist();
        assertThat(pool.available()).isEqualTo(3);
    }

    @Test
    void anUploadWhoseFileCannotBeWrittenFailsAndGivesItsChunksBack() throws Exception {
        ChunkPool pool = new ChunkPool(2);
        Path temporary = root.resolve("gone").resolve("upload"); // its directory does not exist

        UploadPipe pipe = new UploadPipe(temporary, root, null, pool);
        write(pipe, random(6 * ChunkPool.CHUNK));
        UploadSink.Written written = pipe.finish();

        assertThat(written.failure()).isNotNull();
        assertThat(pool.available()).isEqualTo(2);
    }

    @Test
    void anOutputWithinOneChunkIsWrittenOnTheCallersThreadAndGivesItsChunkBack() throws Exception {
        ChunkPool pool = new ChunkPool(1);
        byte[] bytes = random(ChunkPool.CHUNK - 1); // grows past a quarter chunk: takes one from the pool
        Path temporary = Files.createTempFile(root, "upload", "");

        UploadPipe pipe = new UploadPipe(temporary, root, null, pool);
        write(pipe, bytes);

        assertThat(pipe.writing()).isFalse();
        assertThat(pool.available()).isZero();
        assertThat(pipe.finish().failure()).isNull();
        assertThat(Files.readAllBytes(temporary)).isEqualTo(bytes);
        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void anUploadFinishedInTheBackgroundAndClosedAtOnceIsStillKept() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        byte[] bytes = random(7 * ChunkPool.CHUNK + 11);

        CompletableFuture<Artifact.Kept> kept;
        try (ArtifactStore.Upload upload = store.upload()) {
            upload.write(bytes, 0, bytes.length);
            kept = upload.finishInBackground(Digests.sha256(bytes), bytes.length);
        } // closed while the writer may still be writing: the file is the writer's to finish

        Artifact.Kept where = kept.get(30, TimeUnit.SECONDS);
        assertThat(where.location()).isNotNull();
        assertThat(store.read(Digests.sha256(bytes))).hasValue(bytes);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).as("no temporary file left").hasSize(1);
        }
    }

    private static void write(UploadPipe pipe, byte[] bytes) {
        for (int at = 0; at < bytes.length; at += 100_000) {
            pipe.write(bytes, at, Math.min(100_000, bytes.length - at));
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
