package io.reprounit.artifact;

import static io.reprounit.artifact.CanonicalBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical binary form rendered as the text people read: the same text the scheme-1 encoding wrote. */
class CanonicalTextTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    @Test
    void anObjectOfScalarsReadsAsTheIndentedTextOfSchemeOne() {
        byte[] form = bytes().object()
                .name("a").integer(-12)
                .name("b").f64(0.5)
                .name("c").f32(0.1f)
                .name("d").string("x\"y\n\u0001")
                .name("e").bool(true)
                .name("f").nul()
                .name("g").decimal(new BigDecimal("1.50"))
                .name("h").bigInteger(BigInteger.TEN.pow(30))
                .name("i").binary(new byte[] {1, 2, 3})
                .end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo("""
                {
                  "a": -12,
                  "b": 0.5,
                  "c": 0.1,
                  "d": "x\\"y\\n\\u0001",
                  "e": true,
                  "f": null,
                  "g": 1.50,
                  "h": 1000000000000000000000000000000,
                  "i": "base64:AQID"
                }""");
    }

    @Test
    void nestedListsSetsAndPackedArraysAreArraysOneElementPerLine() {
        byte[] form = bytes().array()
                .f64s(1.5, -0.0)
                .set().string("a").string("b").end()
                .array().end()
                .object().end()
                .ints(7)
                .f32s(2.5f)
                .end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo(
                "[\n  [\n    1.5,\n    -0.0\n  ],\n  [\n    \"a\",\n    \"b\"\n  ],\n  [],\n  {},\n  [\n    7\n  ],\n"
                        + "  [\n    2.5\n  ]\n]");
    }

    @Test
    void theTextIsTheOneTheSchemeOneWriterGaveForTheSameValue() {
        Map<String, Object> value = Map.of("name", "run", "scores", List.of(1L, 2L), "nested", Map.of("k", List.of()));
        byte[] form = bytes().object()
                .name("name").string("run")
                .name("nested").map().string("k").array().end().end()
                .name("scores").ints(1, 2)
                .end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo(MATERIALIZERS.canonicalText(value));
    }

    @Test
    void aMapWithStructuredKeysIsAListOfKeyValuePairs() {
        // OBJECT (0x0C) sorts before INTS (0x12): keys are in the order of their bytes.
        byte[] form = bytes().map()
                .object().name("x").integer(2).end().map().end()
                .ints(1).string("one")
                .end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo(MATERIALIZERS.canonicalText(Map.of(List.of(1L), "one",
                Map.of("x", 2L), Map.of())));
    }

    @Test
    void aMapWithScalarKeysNamesItsMembersByTheKeysText() {
        byte[] form = bytes().map().integer(1).string("one").f64(2.5).bool(false).nul().integer(0).end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo("{\n  \"1\": \"one\",\n  \"2.5\": false,\n  \"null\": 0\n}");
    }

    @Test
    void aLaterStructuredKeyInAMapShownAsAnObjectIsAMemberHoldingThePair() {
        byte[] form = bytes().map().string("a").integer(1).array().integer(2).end().integer(3).end().toByteArray();

        assertThat(CanonicalText.render(form)).isEqualTo("{\n  \"a\": 1,\n  \"[1]\": {\n    \"key\": [\n      2\n    ],\n"
                + "    \"value\": 3\n  }\n}");
    }

    @Test
    void aReferenceIsShownByThePathOfWhatItRefersTo() {
        byte[] loop = bytes().array().string("start").ref(0, 0).end().toByteArray();
        byte[] shared = bytes().object().name("layers").array().object().end().end().name("output").ref(0, 2).end()
                .toByteArray();

        assertThat(CanonicalText.render(loop)).isEqualTo("[\n  \"start\",\n  {\n    \"$ref\": \"output\"\n  }\n]");
        assertThat(CanonicalText.render(shared)).contains("\"output\": {\n    \"$ref\": \"output.layers[0]\"\n  }");
    }

    @Test
    void aSetElementIsAScopeOfItsOwnForItsReferences() {
        byte[] form = bytes().array().set().array().ref(0, 0).end().end().ref(0, 1).end().toByteArray();

        assertThat(CanonicalText.render(form)).contains("\"$ref\": \"output[0][0]\"", "\"$ref\": \"output[0]\"");
    }

    @Test
    void aBoundedRenderingStopsAndSaysHowManyLinesAreLeft() {
        double[] values = new double[1000];
        byte[] form = bytes().f64s(values).toByteArray();

        String text = CanonicalText.render(new ByteArrayInputStream(form), 50);

        assertThat(text).startsWith("[\n  0.0,\n  0.0,").endsWith("\n[… 994 more lines]");
        assertThat(text.lines().count()).isEqualTo(1002 - 994 + 1);
    }

    @Test
    void aWindowOfLinesIsExactlyThoseLinesOfTheWholeText() {
        byte[] form = bytes().object()
                .name("head").string("h")
                .name("values").f64s(0.5, 1.5, 2.5, 3.5, 4.5, 5.5)
                .name("z").map().string("k").integer(1).end()
                .end().toByteArray();
        List<String> whole = CanonicalText.render(form).lines().toList();

        for (int from = 1; from <= whole.size(); from++) {
            for (int to = from + 1; to <= whole.size() + 1; to++) {
                CanonicalText.Window window = CanonicalText.lines(new ByteArrayInputStream(form), from, to, 10_000);
                assertThat(window.text()).isEqualTo(String.join("\n", whole.subList(from - 1, to - 1)));
                assertThat(window.before()).isEqualTo(from - 1);
                assertThat(window.after()).isEqualTo(whole.size() - (to - 1));
            }
        }
    }

    @Test
    void theKeptFirstBytesOfALargeOutputAreShownAsFarAsTheyGo() {
        byte[] form = bytes().array().string("a").string("b").end().toByteArray();
        byte[] head = java.util.Arrays.copyOf(form, form.length - 3);

        CanonicalText.Window window = CanonicalText.lines(new ByteArrayInputStream(head), 1, Long.MAX_VALUE, 1000);

        assertThat(window.text()).isEqualTo("[\n  \"a\"");
        assertThat(window.endsEarly()).isTrue();
    }
}
