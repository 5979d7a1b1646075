package io.reprounit.artifact;

import static io.reprounit.artifact.CanonicalBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the canonical binary form token by token: paths, bulk elements, references, and malformed streams. */
class CanonicalReaderTest {

    private static CanonicalReader reader(CanonicalBytes form) {
        return new CanonicalReader(new ByteArrayInputStream(form.toByteArray()));
    }

    @Test
    void everyTokenKnowsItsPathInTheOutput() {
        CanonicalReader reader = reader(bytes().object()
                .name("rows").array().object().name("score").f64(0.5).end().end()
                .name("by").map().string("k").integer(1).array().end().integer(2).end()
                .end());
        List<String> seen = new ArrayList<>();
        for (Kind kind = reader.next(); kind != Kind.EOF; kind = reader.next()) {
            seen.add(kind + " " + reader.path());
        }

        assertThat(seen).containsExactly("OBJECT output", "NAME output", "ARRAY output.rows", "OBJECT output.rows[0]",
                "NAME output.rows[0]", "F64 output.rows[0].score", "END output.rows[0]", "END output.rows",
                "NAME output", "MAP output.by", "STRING output.by[0].key", "INT output.by.k", "ARRAY output.by[1].key",
                "END output.by[1].key", "INT output.by[1].value", "END output.by", "END output");
    }

    @Test
    void packedElementsAreReadInBulkAndTheRestSkipped() {
        CanonicalReader reader = reader(bytes().array().f64s(1, 2, 3, 4, 5).ints(7, 8).end());
        reader.next();

        assertThat(reader.next()).isEqualTo(Kind.F64S);
        assertThat(reader.count()).isEqualTo(5);
        long[] bits = new long[2];
        reader.readLongs(bits, 0, 2);
        assertThat(Double.longBitsToDouble(bits[1])).isEqualTo(2.0);
        assertThat(reader.remaining()).isEqualTo(3);
        assertThat(reader.next()).isEqualTo(Kind.INTS);
        assertThat(reader.path()).isEqualTo("output[1]");
        reader.readLongs(bits, 0, 2);
        assertThat(bits).containsExactly(7, 8);
        assertThat(reader.next()).isEqualTo(Kind.END);
        assertThat(reader.next()).isEqualTo(Kind.EOF);
    }

    @Test
    void aReferenceResolvesToThePathOfTheContainerInItsScope() {
        CanonicalReader reader = reader(bytes().array().object().end().set().array().ref(1, 1).end().end().ref(0, 2)
                .end());
        List<String> targets = new ArrayList<>();
        for (Kind kind = reader.next(); kind != Kind.EOF; kind = reader.next()) {
            if (kind == Kind.REF) {
                targets.add(reader.refTarget());
            }
        }

        assertThat(targets).containsExactly("output[0]", "output[1]");
    }

    @Test
    void aReferenceToNothingBegunIsMalformed() {
        assertThatThrownBy(() -> drain(bytes().array().ref(0, 5).end()))
                .isInstanceOf(MalformedCanonicalFormException.class)
                .hasMessageContaining("expected a REF to a container begun before at offset 1");
    }

    @Test
    void aMalformedStreamNamesTheOffsetAndWhatWasExpected() {
        assertThatThrownBy(() -> drain(bytes().object().integer(1).end()))
                .hasMessageContaining("expected NAME or END in an object at offset 1, found INT");
        assertThatThrownBy(() -> drain(bytes().raw(0x7F)))
                .hasMessageContaining("expected a tag at offset 0, found 0x7f");
        assertThatThrownBy(() -> drain(bytes().integer(1).integer(2)))
                .hasMessageContaining("expected the end of the stream after the value at offset 9");
        assertThatThrownBy(() -> drain(bytes().map().string("k").end()))
                .hasMessageContaining("expected the value of a map entry");
        assertThatThrownBy(() -> drain(bytes().array().integer(1)))
                .isInstanceOfSatisfying(MalformedCanonicalFormException.class, e -> assertThat(e.endOfStream()).isTrue())
                .hasMessageContaining("expected the rest of 1 open containers");
    }

    @Test
    void skippingAValueSkipsTheWholeContainer() {
        CanonicalReader reader = reader(bytes().array().object().name("a").array().integer(1).end().end().string("x")
                .end());
        reader.next();
        reader.next();
        reader.skipValue();

        assertThat(reader.next()).isEqualTo(Kind.STRING);
        assertThat(reader.string()).isEqualTo("x");
        assertThat(reader.path()).isEqualTo("output[1]");
    }

    @Test
    void stringsLongerThanTheBufferAreReadWhole() {
        String text = "ü".repeat(100_000);
        CanonicalReader reader = reader(bytes().string(text));

        assertThat(reader.next()).isEqualTo(Kind.STRING);
        assertThat(reader.string()).isEqualTo(text);
    }

    private static void drain(CanonicalBytes form) {
        CanonicalReader reader = reader(form);
        while (reader.next() != Kind.EOF) {
            // every token
        }
    }
}
