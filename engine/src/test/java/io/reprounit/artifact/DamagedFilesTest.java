package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No way of keeping an artifact reuses a file that is already there without reading it: a damaged one is reported on
 * standard error, naming its digest and file, and replaced; its readers then get the right bytes again. Every kind of
 * output, raw or compressed, small or in several chunks, is kept again through a fresh store (which compares with
 * nothing) and through the store that wrote it (which compares with the file it wrote lately).
 */
class DamagedFilesTest {

    enum Damage {
        FLIPPED_BYTE(bytes -> {
            byte[] flipped = bytes.clone();
            flipped[flipped.length / 2] ^= 0x20;
            return flipped;
        }),
        TRUNCATED(bytes -> Arrays.copyOf(bytes, bytes.length / 2)),
        EMPTIED(bytes -> new byte[0]);

        final Function<byte[], byte[]> apply;

        Damage(Function<byte[], byte[]> apply) {
            this.apply = apply;
        }
    }

    enum Output {
        SMALL_RAW(random(200)),
        SMALL_COMPRESSED(records(2_000)),
        LARGE_RAW(random(3 * ChunkPool.CHUNK + 5)),
        LARGE_COMPRESSED(records(200_000));

        final byte[] bytes;

        Output(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void aDamagedFileIsReplacedByAFreshStore(Damage damage) throws Exception {
        for (Output output : Output.values()) {
            Path directory = Files.createDirectory(root.resolve("fresh-" + damage + "-" + output));
            Path file = directory.resolve(upload(new ArtifactStore(directory), output.bytes).location());
            assertThat(file.toString().endsWith(".zst")).as(output.name()).isEqualTo(output.name().endsWith("COMPRESSED"));
            Files.write(file, damage.apply.apply(Files.readAllBytes(file)));

            String reported = stderrOf(() -> {
                Artifact.Kept again = upload(new ArtifactStore(directory), output.bytes);
                assertThat(again.notKeptReason()).as(output.name()).isNull();
            });

            assertReplacedAndReported(new ArtifactStore(directory), output, file, reported);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void aDamagedFileIsReplacedByTheStoreThatComparesWithIt(Damage damage) throws Exception {
        for (Output output : Output.values()) {
            Path directory = Files.createDirectory(root.resolve("same-" + damage + "-" + output));
            ArtifactStore store = new ArtifactStore(directory);
            Path file = directory.resolve(upload(store, output.bytes).location());
            Files.write(file, damage.apply.apply(Files.readAllBytes(file)));

            String reported = stderrOf(() -> assertThat(upload(store, output.bytes).notKeptReason()).isNull());

            assertReplacedAndReported(store, output, file, reported);
        }
    }

    @Test
    void anIntactFileIsReusedAsItIs() throws Exception {
        for (Output output : Output.values()) {
            Path directory = Files.createDirectory(root.resolve("intact-" + output));
            Path file = directory.resolve(upload(new ArtifactStore(directory), output.bytes).location());
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
            Object identity = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

            String reported = stderrOf(() -> upload(new ArtifactStore(directory), output.bytes));

            assertThat(reported).isEmpty();
            assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .as("the same file, not a new one").isEqualTo(identity);
            assertThat(Files.getLastModifiedTime(file).toMillis()).as("touched, so that a gc spares it").isPositive();
        }
    }

    @Test
    void aDamagedFileOfAnotherStoreIsNotCopiedAndSaysWhy() throws Exception {
        ArtifactStore other = new ArtifactStore(root.resolve("other"));
        byte[] bytes = Output.SMALL_RAW.bytes;
        Path file = other.root().resolve(upload(other, bytes).location());
        Files.write(file, Damage.FLIPPED_BYTE.apply.apply(bytes));
        ArtifactStore store = new ArtifactStore(root.resolve("here"));

        Artifact.Kept kept = store.copy(other, Digests.sha256(bytes), bytes.length);

        assertThat(kept.location()).isNull();
        assertThat(kept.notKeptReason()).startsWith("its file in " + other.root() + " is damaged: it holds 200 bytes"
                + " with digest sha256:");
        assertThat(store.condition(Digests.sha256(bytes)).state()).isEqualTo(ArtifactCondition.State.MISSING);
    }

    private static void assertReplacedAndReported(ArtifactStore store, Output output, Path file, String reported) {
        String digest = Digests.sha256(output.bytes);
        assertThat(store.read(digest)).as(output.name()).hasValueSatisfying(read ->
                assertThat(read).isEqualTo(output.bytes));
        assertThat(store.condition(digest).isIntact()).isTrue();
        assertThat(store.everyFile()).as("one file, intact").singleElement()
                .satisfies(condition -> assertThat(condition.isIntact()).isTrue());
        assertThat(reported).as(output.name()).contains("reprounit: artifact file " + file + " was damaged")
                .contains(digest).contains("replaced");
    }

    private static Artifact.Kept upload(ArtifactStore store, byte[] bytes) {
        try (ArtifactStore.Upload upload = store.upload()) {
            for (int offset = 0; offset < bytes.length; offset += 100_000) {
                upload.write(bytes, offset, Math.min(100_000, bytes.length - offset));
            }
            return upload.finish(Digests.sha256(bytes), bytes.length);
        }
    }

    /** What {@code action} printed on standard error; the tests of this module run one at a time. */
    private static String stderrOf(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        Random random = new Random(size);
        while (buffer.remaining() >= 8) {
            buffer.putDouble(random.nextGaussian());
        }
        return buffer.array();
    }

    private static byte[] records(int rows) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(rows);
        for (int i = 0; i < rows; i++) {
            text.append("label customer-").append(random.nextInt(1 << 16)).append(" id ").append(i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
