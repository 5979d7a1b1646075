package io.reprounit.bench;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Renderings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Issue 13's figure for a diverged 128 MB output: the failure message with its first difference and both windows
 * ({@link Renderings#compare}) for two stored outputs of 16M doubles that differ at the last one, as a median after a
 * warm-up. Run with {@code mvn -q -o -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.reprounit.bench.FirstDifferenceBenchmark}; it writes its store under {@code engine/target}.
 */
public final class FirstDifferenceBenchmark {

    private static final int COUNT = 16 * 1024 * 1024;
    private static final int WARM_UP = 3;
    private static final int MEASURED = 9;

    private FirstDifferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of("target", "bench-first-difference"));
        ArtifactStore store = new ArtifactStore(root);
        Artifact expected = doubles(store, 0.5);
        Artifact actual = doubles(store, 0.25);
        long[] nanos = new long[MEASURED];
        String message = "";
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long start = System.nanoTime();
            Renderings.Compared compared = Renderings.compare(expected, actual);
            long took = System.nanoTime() - start;
            message = compared.firstDifference() + " (" + compared.expected().text().length() + " + "
                    + compared.actual().text().length() + " characters shown)";
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("two stored outputs of %d doubles (%d bytes each): %s%n", COUNT, expected.size(), message);
        System.out.printf("Renderings.compare: median %.0f ms, min %.0f ms, max %.0f ms over %d runs%n",
                nanos[MEASURED / 2] / 1e6, nanos[0] / 1e6, nanos[MEASURED - 1] / 1e6, MEASURED);
    }

    /** {@code F64S n 0.0 1.0 … last}, streamed into the store and digested as it is written. */
    private static Artifact doubles(ArtifactStore store, double last) {
        MessageDigest sha = Digests.newSha256();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        chunk.put((byte) 0x10);
        for (long rest = COUNT; ; rest >>>= 7) {
            if ((rest & ~0x7FL) == 0) {
                chunk.put((byte) rest);
                break;
            }
            chunk.put((byte) ((rest & 0x7F) | 0x80));
        }
        byte[] head = null;
        long size = 0;
        try (ArtifactStore.Upload upload = store.upload()) {
            for (int i = 0; i < COUNT; i++) {
                chunk.putDouble(i == COUNT - 1 ? last : i);
                if (chunk.remaining() < 8 || i == COUNT - 1) {
                    sha.update(chunk.array(), 0, chunk.position());
                    upload.write(chunk.array(), 0, chunk.position());
                    head = head == null ? Arrays.copyOf(chunk.array(), chunk.position()) : head;
                    size += chunk.position();
                    chunk.clear();
                }
            }
            String digest = Digests.format(sha.digest());
            return Artifact.restored(digest, digest, size, Artifact.CANONICAL, head, upload.finish(digest, size));
        }
    }
}
