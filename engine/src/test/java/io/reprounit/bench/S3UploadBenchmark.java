package io.reprounit.bench;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.RemoteTier;
import io.reprounit.artifact.s3.TestS3;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How fast a large artifact goes into an S3-compatible server: a 128 MB output of random-ish doubles (which zstd does not
 * shrink, so 128 MB go over the wire), kept into a store whose remote tier is the test server (s3proxy on its file-system
 * back end, in this JVM, on loopback). Two figures, each the median of 5 after a warm-up, each time under a new prefix
 * so that nothing is deduplicated: the upload alone ({@link RemoteTier#upload}, the store's file to the bucket, in
 * 8 MB parts, 4 in flight, each with its Content-MD5); and the whole keep ({@link ArtifactStore.Upload} from the first
 * byte to the object in the bucket). Run with {@code mvn -B -q -o -pl engine -am test-compile -Ps3-benchmark}; the
 * size in MB with {@code -Ds3.benchmark.mb=...}.
 */
public final class S3UploadBenchmark {

    private static final int MEASURED = 5;
    private static final int WRITE = 64 * 1024;

    private S3UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int megabytes = Integer.getInteger("reprounit.bench.mb", 128);
        Path directory = Path.of(System.getProperty("reprounit.bench.dir", "target/bench")).toAbsolutePath()
                .resolve("s3-upload");
        System.out.printf("Java %s, %d processors, %d MB, s3proxy at %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), megabytes, TestS3.server().endpoint());
        byte[] bytes = doubles(megabytes << 20);
        String digest = Digests.sha256(bytes);
        double[] upload = new double[MEASURED];
        double[] keep = new double[MEASURED];
        for (int i = -1; i < MEASURED; i++) {
            delete(directory);
            ArtifactStore local = new ArtifactStore(directory.resolve("local"));
            String location = keep(local, bytes, digest);
            RemoteTier tier = TestS3.tier("bench-" + UUID.randomUUID());
            long started = System.nanoTime();
            tier.upload(location, local.root().resolve(location));
            double uploadSeconds = (System.nanoTime() - started) / 1e9;

            ArtifactStore both = new ArtifactStore(directory.resolve("both")).withRemote(
                    TestS3.tier("bench-" + UUID.randomUUID()));
            started = System.nanoTime();
            keep(both, bytes, digest);
            double keepSeconds = (System.nanoTime() - started) / 1e9;
            if (i >= 0) {
                upload[i] = megabytes / uploadSeconds;
                keep[i] = megabytes / keepSeconds;
            }
            System.out.printf("%s upload %.0f MB/s, whole keep %.0f MB/s%n", i < 0 ? "warm-up" : "run " + (i + 1),
                    megabytes / uploadSeconds, megabytes / keepSeconds);
        }
        System.out.printf("median of %d: upload %.0f MB/s, whole keep (local file + bucket) %.0f MB/s%n", MEASURED,
                median(upload), median(keep));
        delete(directory);
        TestS3.server().close();
        System.exit(0); // the SDK's and s3proxy's pools
    }

    /** Keeps the bytes as a step's output is kept, 64 KiB writes then finish; gives the file's location. */
    private static String keep(ArtifactStore store, byte[] bytes, String digest) {
        Artifact.Kept kept;
        try (ArtifactStore.Upload up = store.upload()) {
            for (int offset = 0; offset < bytes.length; offset += WRITE) {
                up.write(bytes, offset, Math.min(WRITE, bytes.length - offset));
            }
            kept = up.finish(digest, bytes.length);
        }
        if (kept.location() == null) {
            throw new IllegalStateException("Not kept: " + kept.notKeptReason());
        }
        return kept.location();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static byte[] doubles(int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        Random random = new Random(42);
        while (buffer.remaining() >= 8) {
            buffer.putDouble(random.nextGaussian());
        }
        return buffer.array();
    }

    private static void delete(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
