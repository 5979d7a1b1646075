package io.reprounit.artifact;

import static io.reprounit.artifact.CanonicalBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The tolerance comparison over canonical binary forms: numbers within it, everything else exactly. */
class StreamToleranceTest {

    private static final Normalization ULPS = Normalization.builder().tolerance(4, 0).build();

    private static ToleranceCheck compare(CanonicalBytes expected, CanonicalBytes actual, Normalization normalization) {
        return normalization.compareWithinTolerance(Artifact.of(expected.toByteArray(), Artifact.CANONICAL),
                Artifact.of(actual.toByteArray(), Artifact.CANONICAL));
    }

    private static CanonicalBytes row(double score, String label) {
        return bytes().array().f64(1.0).f64(score).string(label).end();
    }

    @Test
    void numbersWithinTheToleranceReportTheLargestDifference() {
        assertThat(compare(row(0.1 + 0.2, "label"), row(0.3, "label"), ULPS)).isEqualTo(new ToleranceCheck(true,
                "every number was within @Tolerance(ulps = 4); the largest difference was 1 ulps at output[1]"
                        + " (0.30000000000000004 against 0.3)"));
        assertThat(compare(row(0.3, "label"), row(0.3, "label"), ULPS))
                .isEqualTo(new ToleranceCheck(true, "every number was equal"));
    }

    @Test
    void theFirstDifferenceBeyondItOrInAnythingButANumberFails() {
        assertThat(compare(row(0.3, "label"), row(0.30001, "label"), ULPS).detail())
                .startsWith("output[1] differs by ").endsWith("beyond @Tolerance(ulps = 4)");
        assertThat(compare(row(0.3, "label"), row(0.3, "other"), ULPS))
                .isEqualTo(new ToleranceCheck(false, "output[2] is \"label\" in one run and \"other\" in the other"));
        assertThat(compare(bytes().integer(1), bytes().integer(2), ULPS).detail())
                .isEqualTo("output is 1 in one run and 2 in the other");
    }

    @Test
    void packedDoublesAreComparedInBulkAndNamedByTheirIndex() {
        double[] values = new double[50_000];
        Arrays.setAll(values, i -> i * 0.1);
        double[] close = values.clone();
        close[12_345] = Math.nextUp(close[12_345]);
        close[40_000] = Math.nextDown(Math.nextDown(close[40_000]));
        double[] far = close.clone();
        far[45_000] = far[45_000] + 1;

        assertThat(compare(bytes().f64s(values), bytes().f64s(close), ULPS).detail())
                .isEqualTo("every number was within @Tolerance(ulps = 4); the largest difference was 2 ulps at"
                        + " output[40000] (" + values[40_000] + " against " + close[40_000] + ")");
        assertThat(compare(bytes().f64s(values), bytes().f64s(far), ULPS).detail())
                .startsWith("output[45000] differs by ");
        assertThat(compare(bytes().f64s(1, 2), bytes().f64s(1, 2, 3), ULPS).detail())
                .isEqualTo("output has 2 elements in one run and 3 in the other");
        assertThat(compare(bytes().ints(1, 2), bytes().ints(1, 3), ULPS).detail())
                .isEqualTo("output[1] is 2 in one run and 3 in the other");
    }

    @Test
    void floatsCountTheirUlpsAsFloats() {
        float base = 0.1f;
        float next = Math.nextUp(base);

        assertThat(compare(bytes().f32s(base), bytes().f32s(next), ULPS).within()).isTrue();
        assertThat(compare(bytes().f32(base), bytes().f32(Math.nextUp(Math.nextUp(Math.nextUp(Math.nextUp(next))))),
                ULPS).detail()).isEqualTo("output differs by 5 ulps (0.1 against 0.10000004), beyond @Tolerance(ulps = 4)");
    }

    @Test
    void aRelativeToleranceScalesWithTheLargerMagnitude() {
        Normalization relative = Normalization.builder().tolerance(0, 1e-6).build();
        CanonicalBytes base = bytes().object().name("loss").f64(1000.0).name("zero").f64(0.0).end();

        assertThat(compare(base, bytes().object().name("loss").f64(1000.0005).name("zero").f64(-0.0).end(), relative)
                .within()).isTrue();
        assertThat(compare(base, bytes().object().name("loss").f64(1000.01).name("zero").f64(0.0).end(), relative)
                .detail()).startsWith("output.loss differs by a relative ").endsWith("beyond @Tolerance(relative = 1.0E-6)");
    }

    @Test
    void aMemberOrElementMoreInOneRunIsNamed() {
        assertThat(compare(bytes().object().name("a").f64(1).end(),
                bytes().object().name("a").f64(1).name("b").f64(2).end(), ULPS).detail())
                .isEqualTo("output has member \"b\" in the other run only");
        assertThat(compare(bytes().object().name("a").f64(1).end(), bytes().object().name("c").f64(1).end(), ULPS)
                .detail()).isEqualTo("output has member \"a\" in one run where the other has \"c\"");
        assertThat(compare(bytes().array().string("x").string("y").end(), bytes().array().string("x").end(), ULPS)
                .detail()).isEqualTo("output has an element more (\"y\" at output[1]) in one run only");
    }

    @Test
    void aBaselinesTextIsComparedWithTheRenderedTextOfAnOutput() {
        String baseline = CanonicalText.render(row(0.1 + 0.2, "label").toByteArray());
        String now = CanonicalText.render(row(0.3, "label").toByteArray());

        assertThat(ToleranceComparison.compareTexts(baseline, now, ULPS).detail())
                .endsWith("the largest difference was 1 ulps at output[1] (0.30000000000000004 against 0.3)");
    }
}
