package io.reprounit.artifact.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.RemoteTierException;
import io.reprounit.testsupport.S3Server;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each wrong setting, and each refusal of the server, fails with a message naming the setting and what to do. */
class S3SettingsTest {

    static final S3Settings.Keys KEYS = new S3Settings.Keys("reprounit.artifacts.url",
            "reprounit.artifacts.s3.endpoint", "reprounit.artifacts.s3.region", "reprounit.artifacts.s3.path-style");

    @Test
    void aUrlReadsAsBucketAndPrefix() {
        S3Settings settings = S3Settings.parse(" s3://team-artifacts/reprounit/ci/ ", null, null, null, KEYS);

        assertThat(settings.bucket()).isEqualTo("team-artifacts");
        assertThat(settings.prefix()).isEqualTo("reprounit/ci");
        assertThat(settings.url()).isEqualTo("s3://team-artifacts/reprounit/ci");
        assertThat(settings.pathStyle()).as("AWS: virtual-hosted").isFalse();
        assertThat(S3Settings.parse("s3://b-1", "http://127.0.0.1:9000", "eu-west-3", null, KEYS))
                .satisfies(s -> assertThat(s.prefix()).isEmpty())
                .satisfies(s -> assertThat(s.pathStyle()).as("an endpoint: path style").isTrue())
                .satisfies(s -> assertThat(s.region()).isEqualTo("eu-west-3"));
        assertThat(S3Settings.of(settings.url(), settings.options())).isEqualTo(settings);
    }

    @Test
    void aWrongSettingIsNamed() {
        assertThatThrownBy(() -> S3Settings.parse("https://bucket/prefix", null, null, null, KEYS))
                .isInstanceOf(RemoteTierException.class).hasMessageContaining("reprounit.artifacts.url")
                .hasMessageContaining("s3://<bucket>/<prefix>");
        assertThatThrownBy(() -> S3Settings.parse("s3://Bad_Bucket/p", null, null, null, KEYS))
                .hasMessageContaining("reprounit.artifacts.url").hasMessageContaining("Bad_Bucket");
        assertThatThrownBy(() -> S3Settings.parse("s3://bucket/p", "127.0.0.1:9000", null, null, KEYS))
                .hasMessageContaining("reprounit.artifacts.s3.endpoint = '127.0.0.1:9000'");
        assertThatThrownBy(() -> S3Settings.parse("s3://bucket/p", null, "Europe West", null, KEYS))
                .hasMessageContaining("reprounit.artifacts.s3.region");
        assertThatThrownBy(() -> S3Settings.parse("s3://bucket/p", null, null, "yes", KEYS))
                .hasMessageContaining("reprounit.artifacts.s3.path-style = 'yes'");
    }

    /** The SDK is optional: where a user has not added it, the message says what to add. */
    @Test
    void withoutTheSdkTheMessageNamesTheDependencyToAdd() throws Exception {
        java.net.URL engine = S3Settings.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader withoutSdk = new java.net.URLClassLoader(new java.net.URL[] {engine},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> settings = Class.forName(S3Settings.class.getName(), true, withoutSdk);
            Class<?> keys = Class.forName(S3Settings.Keys.class.getName(), true, withoutSdk);
            Object named = keys.getConstructors()[0].newInstance("reprounit.artifacts.url", "e", "r", "p");
            Object parsed = settings.getMethod("parse", String.class, String.class, String.class, String.class, keys)
                    .invoke(null, "s3://bucket/p", null, null, null, named);

            assertThatThrownBy(() -> settings.getMethod("open").invoke(parsed))
                    .isInstanceOf(java.lang.reflect.InvocationTargetException.class).cause()
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(RemoteTierException.class.getName()))
                    .hasMessageContaining("reprounit.artifacts.url = s3://bucket/p")
                    .hasMessageContaining("software.amazon.awssdk:s3").hasMessageContaining("apache5-client");
        }
    }

    @Test
    void aMissingBucketIsNamed() {
        S3Settings settings = S3Settings.parse("s3://no-such-bucket/p", TestS3.server().endpoint(), null, null, KEYS);

        assertThatThrownBy(settings::open).isInstanceOf(RemoteTierException.class)
                .hasMessageContaining("'no-such-bucket'").hasMessageContaining("reprounit.artifacts.url")
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusedCredentialsAreNamedAndNeverPrinted() {
        try (S3Server other = S3Server.start(Path.of("target", "s3-server").toAbsolutePath(), "someone-else",
                "their-secret").createBucket("theirs")) {
            S3Settings settings = S3Settings.parse("s3://theirs/p", other.endpoint(), null, null, KEYS);

            assertThatThrownBy(settings::open).isInstanceOf(RemoteTierException.class)
                    .hasMessageContaining("refuses the credentials").hasMessageContaining("AWS_ACCESS_KEY_ID")
                    .hasMessageContaining("reprounit.artifacts.url")
                    .hasMessageNotContaining(S3Server.SECRET_KEY).hasMessageNotContaining("their-secret");
        }
    }

    @Test
    void anEndpointWhereNoServerListensIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3Settings settings = S3Settings.parse("s3://bucket/p", "http://127.0.0.1:" + port, null, null, KEYS);

        assertThatThrownBy(settings::open).isInstanceOf(RemoteTierException.class)
                .hasMessageContaining("Cannot reach").hasMessageContaining("reprounit.artifacts.s3.endpoint");
    }
}
