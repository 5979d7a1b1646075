package io.reprounit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server in this JVM: s3proxy over jclouds' file-system blob store in a directory of its own, on a
 * free loopback port, signing with fixed credentials ({@link #ACCESS_KEY}, {@link #SECRET_KEY}). The tests of engine,
 * cli and maven-plugin set the AWS SDK's credential system properties to these in their Surefire configuration, so the
 * SDK's default provider chain finds them as a user's would find theirs. Objects are plain files under
 * {@link #objectFile}, so a test can damage one on the server.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "reprounit-test-access";
    public static final String SECRET_KEY = "reprounit-test-secret";

    private final Path directory;
    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3Server(Path directory, String accessKey, String secretKey) throws Exception {
        this.directory = directory;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        this.context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        this.proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(5);
        }
    }

    /** A server over a new directory under {@code parent}, accepting {@link #ACCESS_KEY} and {@link #SECRET_KEY}. */
    public static S3Server start(Path parent) {
        return start(parent, ACCESS_KEY, SECRET_KEY);
    }

    /** A server accepting other credentials: a client with the fixed ones is refused, as a wrong key would be. */
    public static S3Server start(Path parent, String accessKey, String secretKey) {
        try {
            return new S3Server(Files.createTempDirectory(Files.createDirectories(parent), "s3-"), accessKey,
                    secretKey);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start s3proxy under " + parent, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what {@code reprounit.artifacts.s3.endpoint} is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Creates a bucket; the artifact store never does, as a team's bucket is made by whoever owns it. */
    public S3Server createBucket(String bucket) {
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        return this;
    }

    /** The file that holds object {@code key} of {@code bucket} on the server's disk. */
    public Path objectFile(String bucket, String key) {
        return directory.resolve(bucket).resolve(key);
    }

    /** How many objects {@code bucket} holds under {@code prefix}. */
    public long objectCount(String bucket, String prefix) {
        Path root = directory.resolve(bucket);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop s3proxy", e);
        } finally {
            context.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a temporary directory under target/: the next clean removes it
            }
        }
    }
}
