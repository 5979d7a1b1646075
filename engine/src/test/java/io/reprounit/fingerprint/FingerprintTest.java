package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Digests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fingerprint's parts, its one digest, and what its report entries show of each part. */
class FingerprintTest {

    private static final FingerprintPart JAVA = FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "17.0.15");
    private static final FingerprintPart JAR = FingerprintPart.ofContent(Aspect.CODE, "jar:org.example:lib", "1.0",
            Digests.sha256("the jar's bytes"));

    @Test
    void aPartKnowsWhetherItsDigestIsOfItsValueHoweverItWasMade() {
        assertThat(JAVA.digestIsOfValue()).isTrue();
        assertThat(JAR.digestIsOfValue()).isFalse();
        // Read back from a store or a baseline, a part finds out from its digest.
        assertThat(new FingerprintPart(Aspect.ENVIRONMENT, "java.version", "17.0.15", JAVA.digest()).digestIsOfValue())
                .isTrue();
        assertThat(new FingerprintPart(Aspect.CODE, "jar:org.example:lib", "1.0", JAR.digest()).digestIsOfValue())
                .isFalse();
    }

    @Test
    void partsAreEqualByAspectNameValueAndDigestWhereverTheyCameFrom() {
        FingerprintPart readBack = new FingerprintPart(Aspect.CODE, "jar:org.example:lib", "1.0", JAR.digest());

        assertThat(readBack).isEqualTo(JAR).hasSameHashCodeAs(JAR);
        assertThat(readBack).isNotEqualTo(FingerprintPart.ofContent(Aspect.CODE, "jar:org.example:lib", "1.1",
                JAR.digest()));
        assertThat(JAR).hasToString("code/jar:org.example:lib = 1.0");
    }

    @Test
    void reportEntriesShowTheDigestOnlyWhereItCoversMoreThanTheValue() {
        assertThat(Fingerprint.of(List.of(JAVA, JAR)).reportEntries()).containsExactly(
                java.util.Map.entry("reprounit.code.jar:org.example:lib", "1.0 " + JAR.digest()),
                java.util.Map.entry("reprounit.environment.java.version", "17.0.15"));
    }

    @Test
    void theDigestOfAFingerprintIsOfEveryPartInKeyOrder() {
        String digest = Fingerprint.of(List.of(JAVA, JAR)).digest();

        assertThat(Fingerprint.of(List.of(JAR, JAVA)).digest()).as("the order parts came in").isEqualTo(digest);
        assertThat(digest).isEqualTo(Digests.sha256("code/jar:org.example:lib\u00001.0\u0000" + JAR.digest() + "\n"
                + "environment/java.version\u000017.0.15\u0000" + JAVA.digest() + "\n"));
        assertThat(Fingerprint.of(List.of(JAVA, FingerprintPart.ofContent(Aspect.CODE, "jar:org.example:lib", "1.0",
                Digests.sha256("other bytes")))).digest()).as("another jar").isNotEqualTo(digest);
    }
}
