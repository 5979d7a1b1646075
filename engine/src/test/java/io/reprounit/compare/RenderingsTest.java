package io.reprounit.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first difference of two outputs and the windows shown around it: structured values found on their binary forms
 * (whole, from the artifact store), text and bytes as before, all bounded.
 */
class RenderingsTest {

    private static final int F64S = 0x10;

    @TempDir
    Path temporary;

    @Test
    void twoOutputsOf16MillionDoublesDifferingAtTheLastAreComparedFromTheStore() {
        ArtifactStore store = new ArtifactStore(temporary);
        int count = 16 * 1024 * 1024;
        Artifact expected = doubles(store, count, 0.5);
        Artifact actual = doubles(store, count, 0.25);

        Renderings.Compared compared = Renderings.compare(expected, actual);

        assertThat(compared.firstDifference()).isEqualTo("first difference at output[" + (count - 1) + "] (line "
                + (count + 1) + "): 0.5 → 0.25");
        for (StepVerdict.Rendering shown : new StepVerdict.Rendering[] {compared.expected(), compared.actual()}) {
            assertThat(shown.text()).startsWith("[… " + (count + 1 - 1 - Renderings.LINES_BEFORE) + " lines before]\n")
                    .endsWith("\n]").hasSizeLessThan(Renderings.LIMIT + 100);
        }
        assertThat(compared.expected().text()).contains("  " + (double) (count - 2) + ",\n  0.5\n]");
        assertThat(compared.actual().text()).contains("  " + (double) (count - 2) + ",\n  0.25\n]");
    }

    @Test
    void withoutTheStoreOnlyTheKeptFirstBytesAreCompared() {
        byte[] left = form(2_000_000, 0.5);
        byte[] right = form(2_000_000, 0.25);
        Artifact expected = Artifact.restored(Digests.sha256(left), Digests.sha256(left), left.length,
                Artifact.CANONICAL, Arrays.copyOf(left, 4 * 1024 * 1024));
        Artifact actual = Artifact.restored(Digests.sha256(right), Digests.sha256(right), right.length,
                Artifact.CANONICAL, Arrays.copyOf(right, 4 * 1024 * 1024));

        Renderings.Compared compared = Renderings.compare(expected, actual);

        assertThat(compared.firstDifference()).isEqualTo("they differ only in bytes past the part kept in memory");
        assertThat(compared.expected().text()).startsWith("[\n  0.0,\n  1.0,")
                .endsWith("[… the output has " + left.length + " bytes; only the first 4194304 were kept]")
                .hasSizeLessThan(Renderings.LIMIT + 200);
    }

    @Test
    void aSmallStructuredValueIsShownWholeOnBothSides() {
        byte[] left = form(3, 0.5);
        byte[] right = form(3, 0.25);

        Renderings.Compared compared = Renderings.compare(whole(left), whole(right));

        assertThat(compared.expected().text()).isEqualTo("[\n  0.0,\n  1.0,\n  0.5\n]");
        assertThat(compared.actual().text()).isEqualTo("[\n  0.0,\n  1.0,\n  0.25\n]");
        assertThat(compared.firstDifference()).isEqualTo("first difference at output[2] (line 4): 0.5 → 0.25");
    }

    @Test
    void bytesAreAHexDumpAroundTheirFirstDifferingByte() {
        byte[] left = new byte[100_000];
        byte[] right = left.clone();
        right[50_000] = 7;
        Artifact expected = Artifact.restored(Digests.sha256(left), Digests.sha256(left), left.length, Artifact.BINARY,
                left);
        Artifact actual = Artifact.restored(Digests.sha256(right), Digests.sha256(right), right.length,
                Artifact.BINARY, right);

        Renderings.Compared compared = Renderings.compare(expected, actual);

        assertThat(compared.firstDifference()).isEqualTo("first difference at byte 50000 (line 3126): 0x00 → 0x07");
        assertThat(compared.actual().text()).startsWith("[… 3095 lines before]\n0000c170:")
                .contains("0000c350: 0700 0000").hasSizeLessThan(Renderings.LIMIT + 100);
    }

    @Test
    void textIsComparedAsTextAndCutAroundItsFirstDifference() {
        String left = "line\n".repeat(5_000) + "old\n" + "line\n".repeat(5_000);
        String right = left.replace("old", "new");

        Renderings.Compared compared = Renderings.compare(text(left), text(right));

        assertThat(compared.firstDifference()).isEqualTo("first difference at line 5001: old → new");
        assertThat(compared.actual().text()).contains("new").startsWith("[… ").hasSizeLessThan(Renderings.LIMIT + 100);
    }

    private static Artifact text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Artifact.restored(Digests.sha256(bytes), Digests.sha256(bytes), bytes.length, Artifact.TEXT, bytes);
    }

    private static Artifact whole(byte[] form) {
        return Artifact.restored(Digests.sha256(form), Digests.sha256(form), form.length, Artifact.CANONICAL, form);
    }

    /** {@code F64S n 0.0 1.0 … (n-2) last}, in memory. */
    private static byte[] form(int count, double last) {
        ByteBuffer out = ByteBuffer.allocate(1 + 5 + 8 * count);
        out.put((byte) F64S);
        varint(out, count);
        for (int i = 0; i < count - 1; i++) {
            out.putDouble(i);
        }
        out.putDouble(last);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The same form streamed into the store, as the encoder keeps a large output: digested as it is written. */
    private static Artifact doubles(ArtifactStore store, int count, double last) {
        MessageDigest sha = Digests.newSha256();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        chunk.put((byte) F64S);
        varint(chunk, count);
        byte[] head = null;
        long size = 0;
        try (ArtifactStore.Upload upload = store.upload()) {
            for (int i = 0; i < count; i++) {
                chunk.putDouble(i == count - 1 ? last : i);
                if (chunk.remaining() < 8 || i == count - 1) {
                    sha.update(chunk.array(), 0, chunk.position());
                    upload.write(chunk.array(), 0, chunk.position());
                    if (head == null) {
                        head = Arrays.copyOf(chunk.array(), chunk.position());
                    }
                    size += chunk.position();
                    chunk.clear();
                }
            }
            String digest = Digests.format(sha.digest());
            Artifact.Kept kept = upload.finish(digest, size);
            return Artifact.restored(digest, digest, size, Artifact.CANONICAL, head, kept);
        }
    }

    private static void varint(ByteBuffer out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }
}
