package io.reprounit.artifact.s3;

import io.reprounit.artifact.RemoteTier;
import io.reprounit.testsupport.S3Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The engine tests' S3-compatible server: one s3proxy for the test JVM, started on first use under
 * {@code target/s3-server}, with one bucket, {@link #BUCKET}. Each store gets a prefix of its own.
 */
public final class TestS3 {

    public static final String BUCKET = "reprounit-tests";

    private static S3Server server;

    private TestS3() {}

    public static synchronized S3Server server() {
        if (server == null) {
            server = S3Server.start(Path.of("target", "s3-server").toAbsolutePath()).createBucket(BUCKET);
            S3Server started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** The settings of {@code s3://reprounit-tests/<prefix>} on the test server, as configuration keys name them. */
    public static S3Settings settings(String prefix) {
        return S3Settings.parse("s3://" + BUCKET + "/" + prefix, server().endpoint(), null, null,
                new S3Settings.Keys("reprounit.artifacts.url", "reprounit.artifacts.s3.endpoint",
                        "reprounit.artifacts.s3.region", "reprounit.artifacts.s3.path-style"));
    }

    /** The configuration parameters that keep artifacts under {@code prefix} on the test server. */
    public static Map<String, String> parameters(String prefix) {
        return Map.of("reprounit.artifacts.url", "s3://" + BUCKET + "/" + prefix, "reprounit.artifacts.s3.endpoint",
                server().endpoint());
    }

    public static RemoteTier tier(String prefix) {
        return settings(prefix).open();
    }

    /** A tier whose every request {@code interceptors} see: for tests that count them. */
    public static RemoteTier tier(String prefix, List<ExecutionInterceptor> interceptors) {
        return S3Tier.open(settings(prefix), interceptors);
    }
}
