package io.reprounit.bench;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What keeping an output costs the step's thread, against digesting it alone, in the one pass the encoder makes: the
 * bytes in 64 KiB writes into SHA-256 and into {@link ArtifactStore#upload()}, then {@code finish}. Two outputs of issue
 * 13: a 128 MB {@code double[]} of random-ish doubles and 1,000,000 records (String, int, double, double, boolean) in a
 * stand-in of their canonical form. For each: the digest alone, the first upload (a new file), the second (the same
 * digest, dropped), and the stored size. Medians of 5 after a warm-up. Run with
 * {@code mvn -q -pl engine test-compile exec:java@artifact-bench}.
 */
public final class ArtifactStoreBenchmark {

    private static final int WRITE = 64 * 1024;
    private static final int MEASURED = 5;

    private ArtifactStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(System.getProperty("reprounit.bench.dir", "target/bench")).toAbsolutePath()
                .resolve("artifact-store");
        System.out.printf("Java %s, %d processors, store under %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), directory);
        if (java.util.Arrays.asList(args).contains("--gib")) {
            gibibyte(directory);
            return;
        }
        measure("128 MB double[]", doubles(16 << 20), directory);
        measure("1,000,000 records", records(1_000_000), directory);
    }

    /**
     * 1 GiB of random-ish doubles made 64 KiB at a time, never held whole, digested and uploaded: the heap's peak says
     * what the upload holds. Run it in a small heap, such as {@code java -Xmx64m -cp … ArtifactStoreBenchmark --gib}.
     */
    private static void gibibyte(Path directory) throws IOException {
        delete(directory);
        ArtifactStore store = new ArtifactStore(directory);
        MessageDigest sha256 = Digests.newSha256();
        ByteBuffer block = ByteBuffer.allocate(WRITE);
        Random random = new Random(42);
        long size = 1L << 30;
        long started = System.nanoTime();
        Artifact.Kept kept;
        try (ArtifactStore.Upload upload = store.upload()) {
            for (long written = 0; written < size; written += WRITE) {
                block.clear();
                while (block.hasRemaining()) {
                    block.putDouble(random.nextGaussian());
                }
                sha256.update(block.array());
                upload.write(block.array(), 0, WRITE);
            }
            kept = upload.finish(Digests.format(sha256.digest()), size);
        }
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("1 GiB of doubles made on the fly, digested and uploaded in %.0f ms, kept at %s; heap %,d"
                + " bytes at most (-Xmx %,d)%n", millis(started), kept.location(), peak,
                Runtime.getRuntime().maxMemory());
        delete(directory);
    }

    private static void measure(String name, byte[] bytes, Path directory) throws IOException {
        String digest = Digests.sha256(bytes);
        double[] alone = new double[MEASURED];
        double[] first = new double[MEASURED];
        double[] again = new double[MEASURED];
        long stored = 0;
        String location = "";
        for (int i = -1; i < MEASURED; i++) {
            delete(directory);
            ArtifactStore store = new ArtifactStore(directory);
            long started = System.nanoTime();
            digest(bytes, null);
            double digestOnly = millis(started);
            started = System.nanoTime();
            Artifact.Kept kept = digest(bytes, store);
            double newFile = millis(started);
            started = System.nanoTime();
            digest(bytes, store);
            double duplicate = millis(started);
            if (i >= 0) {
                alone[i] = digestOnly;
                first[i] = newFile;
                again[i] = duplicate;
            }
            location = kept.location();
            stored = Files.size(directory.resolve(location));
        }
        System.out.printf("%s (%,d canonical bytes): digest alone %.0f ms; digest and upload, new file %.0f ms, same"
                + " digest again %.0f ms; stored %,d bytes (%.1f %%) as %s%n", name, bytes.length, median(alone),
                median(first), median(again), stored, 100.0 * stored / bytes.length, ArtifactStore.codec(location));
        if (!digest.equals(Digests.sha256(new ArtifactStore(directory).read(digest).orElseThrow()))) {
            throw new IllegalStateException("read back differently");
        }
    }

    /** The encoder's pass: every write goes to SHA-256 and, where there is a store, to an upload. */
    private static Artifact.Kept digest(byte[] bytes, @Nullable ArtifactStore store) {
        MessageDigest sha256 = Digests.newSha256();
        if (store == null) {
            for (int offset = 0; offset < bytes.length; offset += WRITE) {
                sha256.update(bytes, offset, Math.min(WRITE, bytes.length - offset));
            }
            return Artifact.Kept.NOWHERE;
        }
        try (ArtifactStore.Upload upload = store.upload()) {
            for (int offset = 0; offset < bytes.length; offset += WRITE) {
                int length = Math.min(WRITE, bytes.length - offset);
                sha256.update(bytes, offset, length);
                upload.write(bytes, offset, length);
            }
            return upload.finish(Digests.format(sha256.digest()), bytes.length);
        }
    }

    private static byte[] doubles(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(count * 8);
        Random random = new Random(42);
        while (buffer.hasRemaining()) {
            buffer.putDouble(random.nextGaussian() * 3 + 1);
        }
        return buffer.array();
    }

    /** OBJECT, five NAMEd members in name order, END: the tags of {@code CanonicalFormat}, lengths in one byte. */
    private static byte[] records(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * 80);
        DataOutputStream out = new DataOutputStream(bytes);
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            out.write(0x0C);
            name(out, "active");
            out.write(random.nextInt(10) < 7 ? 0x02 : 0x01);
            name(out, "id");
            out.write(0x03);
            out.writeLong(i);
            name(out, "label");
            byte[] label = ("customer-" + Integer.toHexString(random.nextInt(1 << 20))).getBytes(StandardCharsets.UTF_8);
            out.write(0x08);
            out.write(label.length);
            out.write(label);
            name(out, "score");
            out.write(0x06);
            out.writeLong(Double.doubleToLongBits(random.nextDouble()));
            name(out, "weight");
            out.write(0x06);
            out.writeLong(Double.doubleToLongBits(Math.round(random.nextGaussian() * 1000) / 100.0));
            out.write(0x0F);
        }
        return bytes.toByteArray();
    }

    private static void name(DataOutputStream out, String name) throws IOException {
        out.write(0x0D);
        out.write(name.length());
        out.writeBytes(name);
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
