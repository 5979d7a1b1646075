package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BaselineYamlTest {

    @ParameterizedTest
    @ValueSource(strings = {"10", "010", "1e3", "0x10", "true", "null", "~", "", " padded ", "a: b", "- item", "#comment",
            "line one\nline two", "'quoted'", "\"double\"", "ünïcödé → ok"})
    void everyValueReadsBackAsItWasWritten(String value) {
        Baseline baseline = baseline(FingerprintPart.of(Aspect.CONFIG, "param.x", value), value);

        Baseline read = BaselineYaml.read(BaselineYaml.write(baseline), "x.yaml");

        assertThat(read).isEqualTo(baseline);
        assertThat(read.step("train").orElseThrow().preview()).isEqualTo(value);
    }

    @Test
    void keysAreSortedSoThatAReviewDiffShowsOnlyWhatChanged() {
        Baseline baseline = new Baseline("P", "p.P", Fingerprint.of(List.of(
                FingerprintPart.of(Aspect.ENVIRONMENT, "time.zone", "UTC"),
                FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "17"),
                FingerprintPart.of(Aspect.CODE, "git.commit", "abc"))),
                Map.of("zeta", new StepRecord("sha256:" + "a".repeat(64), 1, null, Fingerprint.empty()),
                        "alpha", new StepRecord("sha256:" + "b".repeat(64), 2, null, Fingerprint.empty())));

        String text = BaselineYaml.write(baseline);

        assertThat(text.indexOf("class:")).isLessThan(text.indexOf("pipeline:"));
        assertThat(text.indexOf("code:")).isLessThan(text.indexOf("environment:"));
        assertThat(text.indexOf("java.version")).isLessThan(text.indexOf("time.zone"));
        assertThat(text.indexOf("alpha:")).isLessThan(text.indexOf("zeta:"));
        assertThat(text).doesNotStartWith("---");
    }

    @Test
    void aPartWhoseDigestCoversMoreThanItsValueKeepsBoth() {
        FingerprintPart jar = new FingerprintPart(Aspect.CODE, "jar:org.tribuo:tribuo-core", "4.3.2", "sha256:" + "c".repeat(64));

        String text = BaselineYaml.write(baseline(jar, "x"));

        assertThat(text).contains("jar:org.tribuo:tribuo-core:", "digest: sha256:" + "c".repeat(64));
        assertThat(BaselineYaml.read(text, "x.yaml").step("train").orElseThrow().parts().parts()).containsExactly(jar);
    }

    @Test
    void aWrongDigestNamesItsLine() {
        String text = "class: p.P\ndigests: 2\npipeline: P\nsteps:\n  train:\n    output: md5:abc\n    size: 1\n";

        assertThatThrownBy(() -> BaselineYaml.read(text, "P.yaml")).isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("P.yaml:6: output must be a digest");
    }

    @Test
    void theDigestSchemeIsWrittenAndAnotherOneIsNamedWithWhatToDo() {
        String text = BaselineYaml.write(baseline(FingerprintPart.of(Aspect.CONFIG, "param.x", "1"), "x"));
        assertThat(text).contains("\ndigests: 2\n");

        assertThatThrownBy(() -> BaselineYaml.read(text.replace("digests: 2\n", ""), "P.yaml"))
                .isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("P.yaml:1: recorded with digest scheme 1")
                .hasMessageContaining("-Dreprounit.baseline.mode=update");
        assertThatThrownBy(() -> BaselineYaml.read(text.replace("digests: 2", "digests: 3"), "P.yaml"))
                .hasMessageContaining("P.yaml:4: recorded with digest scheme 3 by a newer ReproUnit");
        assertThatThrownBy(() -> BaselineYaml.read(text.replace("digests: 2", "digests: two"), "P.yaml"))
                .hasMessageContaining("P.yaml:4: digests must be the number of a digest scheme");
    }

    @Test
    void theBytesDigestReadsBackAndIsTheOutputDigestWhereItIsNotWritten() {
        String output = "sha256:" + "a".repeat(64);
        Baseline baseline = new Baseline("P", "p.P", Fingerprint.empty(), Map.of(
                "plain", new StepRecord(output, 1, null, Fingerprint.empty()),
                "normalized", new StepRecord(output, "sha256:" + "b".repeat(64), 1, null, Fingerprint.empty()),
                "stamped", new StepRecord(output, StepRecord.VARIES, 1, null, Fingerprint.empty())));

        String text = BaselineYaml.write(baseline);

        assertThat(text).contains("  normalized:\n    output: " + output + "\n    bytes: sha256:" + "b".repeat(64) + "\n")
                .contains("  stamped:\n    output: " + output + "\n    bytes: varies\n")
                .contains("  plain:\n    output: " + output + "\n    size: 1\n");
        Baseline read = BaselineYaml.read(text, "P.yaml");
        assertThat(read).isEqualTo(baseline);
        assertThat(read.step("plain").orElseThrow().bytesDigest()).isEqualTo(output);
        assertThat(read.step("stamped").orElseThrow().bytesVary()).isTrue();
    }

    private static Baseline baseline(FingerprintPart part, String preview) {
        return new Baseline("P", "p.P", Fingerprint.empty(), Map.of("train",
                new StepRecord("sha256:" + "0".repeat(64), 3, preview, Fingerprint.of(List.of(part)))));
    }
}
