package io.reprounit.artifact;

import static io.reprounit.artifact.CanonicalBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first difference between two canonical forms: its path, its line in the text, and both tokens. */
class FirstDifferenceTest {

    private static Optional<FirstDifference> find(CanonicalBytes expected, CanonicalBytes actual) {
        return FirstDifference.find(new ByteArrayInputStream(expected.toByteArray()),
                new ByteArrayInputStream(actual.toByteArray()));
    }

    @Test
    void equalFormsHaveNoDifference() {
        assertThat(find(bytes().array().f64s(1, 2).string("a").end(), bytes().array().f64s(1, 2).string("a").end()))
                .isEmpty();
    }

    @Test
    void aDifferingScalarIsNamedByItsPathAndTheLineOfTheText() {
        CanonicalBytes expected = bytes().object().name("a").integer(1).name("b").array().string("x").f64(0.5).end()
                .end();
        CanonicalBytes actual = bytes().object().name("a").integer(1).name("b").array().string("x").f64(0.25).end()
                .end();
        String text = CanonicalText.render(expected.toByteArray());

        FirstDifference difference = find(expected, actual).orElseThrow();

        assertThat(difference.message()).isEqualTo("first difference at output.b[1] (line 5): 0.5 → 0.25");
        assertThat(text.lines().toList().get(4)).isEqualTo("    0.5");
    }

    @Test
    void aDifferingPackedElementIsFoundInBulkAndItsLineCounted() {
        double[] values = new double[100_000];
        Arrays.setAll(values, i -> i);
        double[] changed = values.clone();
        changed[77_777] = -1;

        FirstDifference difference = find(bytes().object().name("v").f64s(values).end(),
                bytes().object().name("v").f64s(changed).end()).orElseThrow();

        assertThat(difference.message()).isEqualTo("first difference at output.v[77777] (line 77780): 77777.0 → -1.0");
    }

    @Test
    void negativeZeroAndOtherNaNsAreDifferencesOfBits() {
        assertThat(find(bytes().f64s(0.0), bytes().f64s(-0.0)).orElseThrow().message())
                .isEqualTo("first difference at output[0] (line 2): 0.0 → -0.0");
        assertThat(find(bytes().f64(0.0), bytes().f64(-0.0))).isPresent();
    }

    @Test
    void differentMembersAndLengthsAreDifferencesOfStructure() {
        assertThat(find(bytes().object().name("a").integer(1).end(), bytes().object().name("b").integer(1).end())
                .orElseThrow().message()).isEqualTo("first difference at output (line 2): \"a\": … → \"b\": …");
        assertThat(find(bytes().array().integer(1).end(), bytes().array().integer(1).integer(2).end())
                .orElseThrow().message()).isEqualTo("first difference at output (line 3): (the end of output) → 2");
        assertThat(find(bytes().ints(1, 2), bytes().ints(1, 2, 3)).orElseThrow().message())
                .isEqualTo("first difference at output[2] (2 elements against 3) (line 4): (no element) → an element");
        assertThat(find(bytes().string("a"), bytes().integer(1)).orElseThrow().message())
                .isEqualTo("first difference at output (line 1): \"a\" → 1");
    }

    @Test
    void formsThatAgreeAsFarAsTheKeptBytesGoHaveNoDifferenceFound() {
        byte[] whole = bytes().array().string("a").string("b").end().toByteArray();
        byte[] head = Arrays.copyOf(whole, whole.length - 4);

        assertThat(FirstDifference.find(new ByteArrayInputStream(head), new ByteArrayInputStream(whole))).isEmpty();
    }

    @Test
    void anArtifactKeepsItsLeftOutListReadFromTheBinaryForm() {
        byte[] form = bytes().object().name("$leftOut").array().string("a.time").string("b").end()
                .name("model").object().name("w").f64s(1, 2).end().end().toByteArray();
        Artifact artifact = Artifact.of(form, Artifact.CANONICAL);

        assertThat(artifact.leftOut()).containsExactly("a.time", "b");
        assertThat(Artifact.of(bytes().array().end().toByteArray(), Artifact.CANONICAL).leftOut()).isEmpty();
        assertThat(artifact.content()).startsWith("{\n  \"$leftOut\": [\n    \"a.time\",");
        assertThat(artifact.isCanonicalForm()).isTrue();
        assertThat(List.of(Artifact.of("{}".getBytes(), Artifact.CANONICAL).isCanonicalText())).containsExactly(true);
    }
}
