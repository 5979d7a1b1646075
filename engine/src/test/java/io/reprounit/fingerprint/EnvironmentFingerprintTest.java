package io.reprounit.fingerprint;

import io.reprounit.pipeline.Secrets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvironmentFingerprintTest {

    @Test
    void recordsTheJvmOperatingSystemAndDefaults() {
        Map<String, String> parts = values(EnvironmentFingerprint.take(List.of(), name -> null));

        assertThat(parts).containsEntry("java.version", System.getProperty("java.version"))
                .containsEntry("java.vendor", System.getProperty("java.vendor"))
                .containsEntry("os.arch", System.getProperty("os.arch"))
                .containsEntry("processors", Integer.toString(Runtime.getRuntime().availableProcessors()))
                .containsEntry("locale", Locale.getDefault().toLanguageTag())
                .containsEntry("time.zone", TimeZone.getDefault().getID())
                .containsEntry("line.separator", System.lineSeparator().replace("\n", "\\n").replace("\r", "\\r"))
                .containsKeys("java.vm.name", "java.vm.arguments", "os.name", "os.version", "file.encoding",
                        "native.encoding", "sun.jnu.encoding");
        assertThat(parts.values()).allSatisfy(value -> assertThat(value).isNotNull());
    }

    @Test
    void recordsChosenVariablesButOnlyThePresenceOfSecretOnes() {
        Map<String, String> environment = Map.of("OMP_NUM_THREADS", "4", "HF_TOKEN", "hf_abc123", "DB_PASSWORD", "pw1",
                "AWS_SECRET_ACCESS_KEY", "xyz789");

        List<FingerprintPart> parts = EnvironmentFingerprint.take(
                List.of("OMP_NUM_THREADS", "HF_TOKEN", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "CUDA_VISIBLE_DEVICES"),
                environment::get);

        assertThat(values(parts)).containsEntry("env.OMP_NUM_THREADS", "4").containsEntry("env.HF_TOKEN", "(set)")
                .containsEntry("env.DB_PASSWORD", "(set)").containsEntry("env.AWS_SECRET_ACCESS_KEY", "(set)")
                .containsEntry("env.CUDA_VISIBLE_DEVICES", "(unset)");
        assertThat(parts.toString()).doesNotContain("hf_abc123", "pw1", "xyz789");
        assertThat(parts).filteredOn(part -> part.name().equals("env.HF_TOKEN")).singleElement()
                .extracting(FingerprintPart::digest)
                .as("the digest is of the recorded presence, so it cannot be used to test guesses of the value")
                .isEqualTo(io.reprounit.artifact.Digests.sha256("(set)"));
    }

    @Test
    void thePasswordInAVariablesUrlIsRedacted() {
        List<FingerprintPart> parts = EnvironmentFingerprint.take(List.of("DATABASE_URL"),
                Map.of("DATABASE_URL", "postgres://app:pw-5520@db:5432/app")::get);

        assertThat(values(parts)).containsEntry("env.DATABASE_URL", "postgres://app:(redacted)@db:5432/app");
    }

    @Test
    void secretLookingJvmArgumentsAreRedacted() {
        assertThat(Secrets.redactArgument("-Ddb.password=hunter2")).isEqualTo("-Ddb.password=(redacted)");
        assertThat(Secrets.redactArgument("--api-token=abc")).isEqualTo("--api-token=(redacted)");
        assertThat(Secrets.redactArgument("-Xmx2g")).isEqualTo("-Xmx2g");
        assertThat(Secrets.redactArgument("-Duser.timezone=UTC")).isEqualTo("-Duser.timezone=UTC");
    }

    private static Map<String, String> values(List<FingerprintPart> parts) {
        return parts.stream().collect(Collectors.toMap(FingerprintPart::name, FingerprintPart::value));
    }

    @Test
    void aContainerIdIsTheFirstRunOfSixtyFourHexDigits() {
        String id = "3f4c".repeat(16);
        String mountInfo = "1 0 0:1 / / rw - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABCDEF0123:/deadbeef\n"
                + "2 1 0:2 /var/lib/docker/containers/" + id + "0a/hostname /etc/hostname rw\n"
                + "3 1 0:3 /var/lib/docker/containers/" + "9".repeat(64) + "/hosts /etc/hosts rw\n";

        assertThat(EnvironmentFingerprint.containerId(mountInfo)).contains(id);
        assertThat(EnvironmentFingerprint.containerId("0::/\n" + "a".repeat(63) + "/" + "b".repeat(63))).isEmpty();
    }
}
