package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The writer and the reader of the canonical form, written apart, against each other: real values encoded by the real
 * encoder must be read back whole, rendered as a person expects, with every {@code REF} shown as the path of the value
 * it refers to, and compared (first difference, tolerance) at the right place.
 */
class RoundTripTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    enum Colour { RED, GREEN }

    record Scalars(double nan, double negativeZero, double subnormal, float single, BigDecimal decimal,
            BigInteger huge, String text, char letter, byte b, short s, long l, boolean flag, @Nullable Object nothing) {}

    record Point(double x, double y) {}

    record Labelled(String label, Point point, List<Point> trail) {}

    record Pair(Object a, Object b) {}

    record Triple(Object a, Object b, Object c) {}

    /** A bean: read through its fields, with its class name. */
    static final class Node {
        String name;
        @Nullable Object next;
        @Nullable Object extra;

        Node(String name) {
            this.name = name;
        }
    }

    /** Equal only to itself: two of them with the same name are distinct map keys whose bytes are equal. */
    static final class Key {
        final String id;

        Key(String id) {
            this.id = id;
        }
    }

    record Measured(long rank, double noise) {}

    // ---- (1) and (2): the whole stream reads back, as a person expects ----

    @Test
    void scalarsOfEveryKindReadBackAsTheirText() {
        Scalars value = new Scalars(Double.longBitsToDouble(0x7ff8000000000123L), -0.0, Double.MIN_VALUE, 0.1f,
                new BigDecimal("1.50"), BigInteger.TWO.pow(70).negate(), "é\uD83D\uDE00\u0001\t\"", 'x', (byte) -1,
                (short) 300, Long.MIN_VALUE, true, null);

        assertThat(text(value)).isEqualTo("""
                {
                  "b": -1,
                  "decimal": 1.50,
                  "flag": true,
                  "huge": -1180591620717411303424,
                  "l": -9223372036854775808,
                  "letter": "x",
                  "nan": NaN,
                  "negativeZero": -0.0,
                  "nothing": null,
                  "s": 300,
                  "single": 0.1,
                  "subnormal": 4.9E-324,
                  "text": "é\uD83D\uDE00\\u0001\\t\\""
                }""");
    }

    @Test
    void aStringCutInTheMiddleOfAPairKeepsItsLoneSurrogateAndReadsItBack() {
        String emoji = "x\uD83D\uDE00";
        List<String> cuts = List.of(emoji.substring(0, 2), "x\uD83C", "x?", "x\uFFFD", "x\uDE00\uD83D");

        List<byte[]> encodings = cuts.stream().map(MATERIALIZERS::canonicalBytes).toList();

        assertThat(encodings.stream().map(Digests::sha256).distinct()).hasSize(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            CanonicalReader reader = new CanonicalReader(in(encodings.get(i)));
            reader.next();
            assertThat(reader.string()).isEqualTo(cuts.get(i));
        }
        assertThat(text(cuts)).isEqualTo("[\n  \"x\\ud83d\",\n  \"x\\ud83c\",\n  \"x?\",\n  \"x\uFFFD\",\n"
                + "  \"x\\ude00\\ud83d\"\n]");
        assertThat(text(emoji)).isEqualTo("\"x\uD83D\uDE00\"");
        assertThat(FirstDifference.find(in(encodings.get(0)), in(encodings.get(1))).orElseThrow().actual())
                .isEqualTo("\"x\\ud83c\"");
    }

    @Test
    void bigIntegersAtTheEdgeOfALongAndDecimalsWithNegativeScaleReadBack() {
        List<Object> values = List.of(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), new BigDecimal("1E+5"), new BigDecimal("-0.000"),
                Float.MIN_VALUE, Float.NaN, Double.NEGATIVE_INFINITY, "");

        assertThat(text(values)).isEqualTo("""
                [
                  9223372036854775807,
                  9223372036854775808,
                  -9223372036854775809,
                  1E+5,
                  0.000,
                  1.4E-45,
                  NaN,
                  -Infinity,
                  ""
                ]""");
    }

    @Test
    void nestedRecordsMapsSetsAndPackedArraysReadBackAsIndentedText() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", new Labelled("p", new Point(1, 2), List.of(new Point(3, 4))));
        value.put("doubles", new double[] {0.5, -0.0});
        value.put("floats", new float[] {2.5f});
        value.put("ints", new int[] {7, -8});
        value.put("boxed", List.of(1.5, 2.5));
        value.put("empty", new double[0]);
        value.put("bytes", new byte[] {1, 2, 3});
        value.put("set", new LinkedHashSet<>(List.of("b", "a")));
        value.put("optional", Optional.of(Colour.GREEN));
        value.put("absent", Optional.empty());
        value.put("when", LocalDate.of(2026, 1, 2));
        value.put("took", Duration.ofSeconds(90));

        // A map's string keys sort by their UTF-8: alphabetical order.
        assertThat(text(value)).isEqualTo("""
                {
                  "absent": null,
                  "boxed": [
                    1.5,
                    2.5
                  ],
                  "bytes": "base64:AQID",
                  "doubles": [
                    0.5,
                    -0.0
                  ],
                  "empty": [],
                  "floats": [
                    2.5
                  ],
                  "ints": [
                    7,
                    -8
                  ],
                  "optional": "GREEN",
                  "set": [
                    "a",
                    "b"
                  ],
                  "took": "PT1M30S",
                  "when": "2026-01-02",
                  "z": {
                    "label": "p",
                    "point": {
                      "x": 1.0,
                      "y": 2.0
                    },
                    "trail": [
                      {
                        "x": 3.0,
                        "y": 4.0
                      }
                    ]
                  }
                }""");
    }

    @Test
    void mapsWithNumberAndStructuredKeysAndSetsOfRecordsAndListsReadBack() {
        Map<Object, Object> numbers = new TreeMap<>(Map.of(2L, "two", -1L, "minus one"));
        Map<Object, Object> structured = new LinkedHashMap<>();
        structured.put(List.of(1L, 2L), "list");
        structured.put(new Point(0, 1), "point");
        Set<Object> records = new LinkedHashSet<>(List.of(new Point(2, 0), new Point(1, 0)));
        Set<Object> lists = new LinkedHashSet<>(List.of(List.of("b"), List.of("a", "c")));

        // By their bytes: the two's complement of -1 sorts after 2.
        assertThat(text(numbers)).isEqualTo("{\n  \"2\": \"two\",\n  \"-1\": \"minus one\"\n}");
        // OBJECT sorts before INTS: structured keys are in the order of their bytes.
        assertThat(text(structured)).isEqualTo("""
                [
                  {
                    "key": {
                      "x": 0.0,
                      "y": 1.0
                    },
                    "value": "point"
                  },
                  {
                    "key": [
                      1,
                      2
                    ],
                    "value": "list"
                  }
                ]""");
        assertThat(text(records)).isEqualTo(
                "[\n  {\n    \"x\": 1.0,\n    \"y\": 0.0\n  },\n  {\n    \"x\": 2.0,\n    \"y\": 0.0\n  }\n]");
        assertThat(text(lists)).isEqualTo("[\n  [\n    \"a\",\n    \"c\"\n  ],\n  [\n    \"b\"\n  ]\n]");
    }

    @Test
    void anEmptyListAndAnEmptyArrayReadBackAlike() {
        assertThat(MATERIALIZERS.canonicalBytes(new double[0])).isEqualTo(MATERIALIZERS.canonicalBytes(List.of()));
        assertThat(text(List.of(new int[0], List.of(), Set.of(), Map.of()))).isEqualTo("[\n  [],\n  [],\n  [],\n  {}\n]");
    }

    // ---- references: each REF is read as the path of what it refers to ----

    @Test
    void aSharedListIsReadAsAReferenceToWhereItWasFirstWritten() {
        List<Object> shared = new ArrayList<>(List.of("s"));

        assertThat(text(new Pair(shared, shared))).isEqualTo(
                "{\n  \"a\": [\n    \"s\"\n  ],\n  \"b\": {\n    \"$ref\": \"output.a\"\n  }\n}");
    }

    @Test
    void aCycleThroughBeansIsReadAsAReferenceToTheOutputAndItsMembers() {
        Node first = new Node("first");
        Node second = new Node("second");
        first.next = second;
        second.next = first;
        second.extra = second;

        assertThat(refs(first)).containsExactly("output.next.extra -> output.next", "output.next.next -> output");
    }

    @Test
    void packedArraysAndBytesAreContainersThatLaterReferencesCount() {
        double[] doubles = {1, 2};
        byte[] bytes = {9};
        List<Object> list = new ArrayList<>(List.of("l"));

        assertThat(refs(List.of(doubles, bytes, list, list, bytes, doubles)))
                .containsExactly("output[3] -> output[2]", "output[4] -> output[1]", "output[5] -> output[0]");
    }

    @Test
    void aSetElementThatIsSharedWithOutsideTheSetRefersOneScopeOut() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Set<Object> set = new LinkedHashSet<>(List.of(shared, List.of("other")));

        assertThat(refs(new Pair(shared, set))).containsExactly("output.b[1] -> output.a");
    }

    @Test
    void aReferenceInsideASetElementCountsTheElementsScope() {
        List<Object> outside = new ArrayList<>(List.of("outside"));
        Node inner = new Node("inner");
        inner.next = inner; // itself: ordinal 0 of the element's own scope
        inner.extra = outside; // one scope out
        Node nested = new Node("nested");
        nested.next = new LinkedHashSet<>(List.of(List.of(outside))); // two scopes out, from a set in a set
        nested.extra = nested;

        // nested sorts first: its "extra" is REF 0 0, inner's REF 1 k.
        assertThat(refs(new Pair(outside, new LinkedHashSet<>(List.of(inner, nested))))).containsExactly(
                "output.b[0].extra -> output.b[0]", "output.b[0].next[0][0] -> output.a",
                "output.b[1].extra -> output.a", "output.b[1].next -> output.b[1]");
    }

    @Test
    void aSetElementThatContainsTheSetRefersToIt() {
        Set<Object> set = new LinkedHashSet<>();
        Node member = new Node("member");
        member.next = set;
        set.add(member);

        assertThat(refs(new Pair("x", set))).containsExactly("output.b[0].next -> output.b");
    }

    @Test
    void mapKeysAndValuesReferToWhatWasWrittenBeforeTheMap() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(shared, "key is shared");
        map.put("value is shared", shared);
        map.put(List.of("own"), shared);

        // Keys by their bytes: STRING, then ARRAY, then REF; a map whose first key is a string is named by its keys.
        assertThat(refs(new Pair(shared, map))).containsExactly(
                "output.b.value is shared -> output.a", "output.b[1].value -> output.a", "output.b[2].key -> output.a");
    }

    @Test
    void aMapValueThatRefersToTheMapOrToAnEarlierValueCountsTheMapsScope() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> first = new ArrayList<>(List.of("first"));
        map.put("b", first);
        map.put("c", first);
        map.put("d", map);
        Node key = new Node("key");
        key.next = map; // a structured key that refers to the map it is a key of
        Map<Object, Object> outer = new LinkedHashMap<>();
        outer.put(key, "k");

        assertThat(refs(new Pair(map, outer))).containsExactlyInAnyOrder(
                "output.a.c -> output.a.b", "output.a.d -> output.a", "output.b[0].key.next -> output.a");
    }

    @Test
    void aValueFirstWrittenInsideAKeyOrAnElementIsWrittenAnewOutsideIt() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new Pair("k", shared), shared);
        Set<Object> set = new LinkedHashSet<>(List.of(new Pair("e", shared)));

        Triple value = new Triple(map, set, shared);

        // The key's copy is in a scope since closed; the value's, in place, is the one that later references find.
        assertThat(refs(value)).containsExactly("output.b[0].b -> output.a[0].value", "output.c -> output.a[0].value");
        assertThat(text(value)).contains("\"key\": {\n        \"a\": \"k\",\n        \"b\": [\n          \"shared\"");
    }

    @Test
    void equalKeysAreOrderedByTheirValuesSoThatInsertionOrderDoesNotMatter() {
        Map<Object, Object> one = new LinkedHashMap<>();
        one.put(new Key("k"), "b");
        one.put(new Key("k"), "a");
        Map<Object, Object> other = new LinkedHashMap<>();
        other.put(new Key("k"), "a");
        other.put(new Key("k"), "b");

        byte[] bytes = MATERIALIZERS.canonicalBytes(one);

        assertThat(bytes).isEqualTo(MATERIALIZERS.canonicalBytes(other));
        assertThat(text(one)).containsSubsequence("\"value\": \"a\"", "\"value\": \"b\"");
    }

    @Test
    void aDeepChainReadsBackWithItsReferences() {
        Node head = new Node("0");
        Node tail = head;
        for (int i = 1; i < 100_000; i++) {
            Node node = new Node(Integer.toString(i));
            node.extra = i == 50 || i == 2_000 ? node : null;
            tail.next = node;
            tail = node;
        }
        tail.next = head;

        byte[] bytes = MATERIALIZERS.canonicalBytes(head);

        CanonicalReader reader = new CanonicalReader(in(bytes));
        List<String> targets = new ArrayList<>();
        for (CanonicalReader.Kind kind = reader.next(); kind != CanonicalReader.Kind.EOF; kind = reader.next()) {
            if (kind == CanonicalReader.Kind.REF) {
                targets.add(reader.refTarget());
            }
        }
        // A target too deep to keep the path of is named by its ordinal.
        assertThat(targets).containsExactly("output" + ".next".repeat(50), "#2000", "output");
        assertThat(CanonicalText.head(in(bytes), 40)).startsWith("{\n  \"$class\"");
        assertThat(FirstDifference.find(in(bytes), in(bytes))).isEmpty();
    }

    // ---- normalizers ----

    @Test
    void ignoredFieldsAreReadAsTheirMarkerAndWriteNoContainerThatReferencesCount() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kept", 1L);
        map.put("volatile", List.of(shared));
        Triple value = new Triple(map, new Pair(List.of("gone"), shared), shared);

        String text = text(value, Normalization.builder().ignoreFields(List.of("a.volatile", "b.a")).build());

        assertThat(text).contains("\"volatile\": \"(left out: @IgnoreFields)\"", "\"a\": \"(left out: @IgnoreFields)\"");
        assertThat(refs(bytes(value, Normalization.builder().ignoreFields(List.of("a.volatile", "b.a")).build())))
                .containsExactly("output.c -> output.b.b");
    }

    @Test
    void anIgnoredFieldOfAMapValueDoesNotDecideTheOrderOfEntriesWithEqualKeys() {
        Normalization ignore = Normalization.builder().ignoreFields(List.of("*.noise")).build();
        Map<Object, Object> one = new LinkedHashMap<>();
        one.put(new Key("k"), new Measured(2, 0.1));
        one.put(new Key("k"), new Measured(1, 0.2));
        Map<Object, Object> other = new LinkedHashMap<>();
        other.put(new Key("k"), new Measured(2, 0.2));
        other.put(new Key("k"), new Measured(1, 0.1));

        assertThat(bytes(one, ignore)).isEqualTo(bytes(other, ignore));
        assertThat(text(one, ignore)).containsSubsequence("\"rank\": 1", "\"rank\": 2");
    }

    @Test
    void anUnorderedListIsReadAsASetOfItsSortedElementsWithTheirReferences() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Pair value = new Pair(shared, new ArrayList<>(List.of(new Pair("z", shared), new Pair("y", 1L), 3.5, 1.5)));
        Normalization unordered = Normalization.builder().unordered(List.of("b")).build();

        byte[] bytes = bytes(value, unordered);

        assertThat(refs(bytes)).containsExactly("output.b[3].b -> output.a");
        assertThat(text(bytes)).containsSubsequence("1.5", "3.5", "\"y\"", "\"z\"");
        assertThat(bytes(new Pair(List.of(9.0, 1.0), 0L), Normalization.builder().unordered(List.of("a")).build()))
                .isEqualTo(bytes(new Pair(List.of(1.0, 9.0), 0L), Normalization.none()));
    }

    @Test
    void significantDigitsAreReadAsTheRoundedNumbers() {
        Normalization digits = Normalization.builder().significantDigits(3).build();

        assertThat(text(new Pair(new double[] {Math.PI, 1e-300}, List.of(2.71828f, new BigDecimal("1.23456"))), digits))
                .isEqualTo("{\n  \"a\": [\n    3.14,\n    1.0E-300\n  ],\n  \"b\": [\n    2.72,\n    1.23\n  ]\n}");
    }

    // ---- (3) the first difference names the one place that differs ----

    @Test
    void twoEncodingsThatDifferInOneDeepPlaceDifferExactlyThere() {
        Function<Double, Object> make = deep -> {
            List<Object> shared = new ArrayList<>(List.of("s"));
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("rows", List.of(new Point(1, 2), new Point(3, deep)));
            inner.put("shared", shared);
            return new Triple(shared, inner, new double[] {1, 2, deep});
        };

        byte[] left = MATERIALIZERS.canonicalBytes(make.apply(4.0));
        byte[] right = MATERIALIZERS.canonicalBytes(make.apply(5.0));

        assertThat(FirstDifference.find(in(left), in(left))).isEmpty();
        FirstDifference difference = FirstDifference.find(in(left), in(right)).orElseThrow();
        assertThat(difference.path()).isEqualTo("output.b.rows[1].y");
        assertThat(difference.expected()).isEqualTo("4.0");
        assertThat(difference.actual()).isEqualTo("5.0");
        assertThat(CanonicalText.render(left).lines().toList().get((int) difference.line() - 1)).contains("\"y\": 4.0");
    }

    @Test
    void aDifferenceInsideAPackedArrayOrAfterAReferenceIsNamedByItsPath() {
        List<Object> shared = new ArrayList<>(List.of("s"));
        byte[] left = MATERIALIZERS.canonicalBytes(new Triple(shared, shared, new double[] {1, 2, 3}));
        byte[] right = MATERIALIZERS.canonicalBytes(new Triple(shared, shared, new double[] {1, 2, 3.5}));
        byte[] otherRef = MATERIALIZERS.canonicalBytes(new Triple(shared, new ArrayList<>(shared), new double[] {1, 2, 3}));

        assertThat(FirstDifference.find(in(left), in(right)).orElseThrow().path()).isEqualTo("output.c[2]");
        FirstDifference ref = FirstDifference.find(in(left), in(otherRef)).orElseThrow();
        assertThat(ref.path()).isEqualTo("output.b");
        assertThat(ref.expected()).isEqualTo("{\"$ref\": \"output.a\"}");
    }

    @Test
    void aDifferenceInsideASetElementOrAMapKeyIsNamedByItsPlace() {
        byte[] left = MATERIALIZERS.canonicalBytes(new Pair(Set.of(new Point(1, 2)), Map.of(new Point(0, 7), "v")));
        byte[] rightSet = MATERIALIZERS.canonicalBytes(new Pair(Set.of(new Point(1, 3)), Map.of(new Point(0, 7), "v")));
        byte[] rightKey = MATERIALIZERS.canonicalBytes(new Pair(Set.of(new Point(1, 2)), Map.of(new Point(0, 8), "v")));

        assertThat(FirstDifference.find(in(left), in(rightSet)).orElseThrow().path()).isEqualTo("output.a[0].y");
        assertThat(FirstDifference.find(in(left), in(rightKey)).orElseThrow().path()).isEqualTo("output.b[0].key.y");
    }

    @Test
    void theLineOfEachFirstDifferenceIsTheLineOfTheTextWhereItStands() {
        Function<Double, Object> make = x -> {
            Map<Object, Object> structured = new LinkedHashMap<>();
            structured.put(new Point(x, 0), List.of(x));
            structured.put("plain", x);
            return List.of(Set.of(new Point(1, x)), structured, new double[] {1, x}, List.of(new float[] {x.floatValue()}));
        };
        byte[] left = MATERIALIZERS.canonicalBytes(make.apply(0.5));
        List<String> lines = CanonicalText.render(left).lines().toList();
        Map<String, byte[]> changed = new LinkedHashMap<>();
        changed.put("output[0][0].y", MATERIALIZERS.canonicalBytes(
                List.of(Set.of(new Point(1, 0.75)), ((List<?>) make.apply(0.5)).get(1), new double[] {1, 0.5},
                        List.of(new float[] {0.5f}))));
        changed.put("output[2][1]", MATERIALIZERS.canonicalBytes(
                List.of(Set.of(new Point(1, 0.5)), ((List<?>) make.apply(0.5)).get(1), new double[] {1, 0.75},
                        List.of(new float[] {0.5f}))));
        changed.put("output[3][0][0]", MATERIALIZERS.canonicalBytes(
                List.of(Set.of(new Point(1, 0.5)), ((List<?>) make.apply(0.5)).get(1), new double[] {1, 0.5},
                        List.of(new float[] {0.75f}))));

        for (Map.Entry<String, byte[]> right : changed.entrySet()) {
            FirstDifference difference = FirstDifference.find(in(left), in(right.getValue())).orElseThrow();
            assertThat(difference.path()).isEqualTo(right.getKey());
            assertThat(lines.get((int) difference.line() - 1)).contains(difference.expected());
        }
        FirstDifference inKey = FirstDifference.find(in(left), in(MATERIALIZERS.canonicalBytes(make.apply(0.25))))
                .orElseThrow();
        assertThat(inKey.path()).isEqualTo("output[0][0].y");
        byte[] keyOnly = MATERIALIZERS.canonicalBytes(List.of(make.apply(0.5), Map.of(new Point(0.5, 0), 1L)));
        byte[] keyOther = MATERIALIZERS.canonicalBytes(List.of(make.apply(0.5), Map.of(new Point(0.25, 0), 1L)));
        FirstDifference key = FirstDifference.find(in(keyOnly), in(keyOther)).orElseThrow();
        assertThat(key.path()).isEqualTo("output[1][0].key.x");
        assertThat(CanonicalText.render(keyOnly).lines().toList().get((int) key.line() - 1)).isEqualTo(
                "        \"x\": 0.5,");
    }

    // ---- (4) tolerance ----

    @Test
    void numbersWithinTheToleranceAgreeAndBeyondItDoNot() {
        Normalization tolerance = Normalization.builder().tolerance(4, 0).build();
        double x = 0.1;
        Artifact expected = MATERIALIZERS.materialize(new Labelled("a", new Point(x, 1), List.of()), tolerance);
        Artifact within = MATERIALIZERS.materialize(new Labelled("a", new Point(Math.nextUp(Math.nextUp(x)), 1), List.of()),
                tolerance);
        Artifact beyond = MATERIALIZERS.materialize(new Labelled("a", new Point(x + 1e-9, 1), List.of()), tolerance);
        Artifact otherText = MATERIALIZERS.materialize(new Labelled("b", new Point(x, 1), List.of()), tolerance);

        assertThat(tolerance.compareWithinTolerance(expected, within).within()).isTrue();
        ToleranceCheck far = tolerance.compareWithinTolerance(expected, beyond);
        assertThat(far.within()).isFalse();
        assertThat(far.detail()).contains("output.point.x");
        assertThat(tolerance.compareWithinTolerance(expected, otherText).within()).isFalse();
    }

    @Test
    void packedNumbersAndReferencesAreComparedWithinTheTolerance() {
        Normalization tolerance = Normalization.builder().tolerance(0, 1e-6).build();
        List<Object> shared = new ArrayList<>(List.of(1.0));
        Function<double[], Object> make = values -> new Triple(shared, Set.of(new Pair(shared, 2.0)), values);

        Artifact expected = MATERIALIZERS.materialize(make.apply(new double[] {1, 2, 3}), tolerance);
        Artifact within = MATERIALIZERS.materialize(make.apply(new double[] {1, 2, 3 + 1e-9}), tolerance);
        Artifact beyond = MATERIALIZERS.materialize(make.apply(new double[] {1, 2.1, 3}), tolerance);

        assertThat(tolerance.compareWithinTolerance(expected, within).within()).isTrue();
        ToleranceCheck far = tolerance.compareWithinTolerance(expected, beyond);
        assertThat(far.within()).isFalse();
        assertThat(far.detail()).contains("output.c[1]");
    }

    // ---- (5) what a materializer writes through the writer ----

    /** Writes a model as an object with a {@code $leftOut} list, as a real materializer of a library's type would. */
    static final class Model {
        final double[] weights;
        final Map<String, Object> meta;

        Model(double[] weights, Map<String, Object> meta) {
            this.weights = weights;
            this.meta = meta;
        }
    }

    private static final Materializer MODEL = new Materializer() {
        @Override
        public boolean supports(Class<?> type) {
            return type == Model.class;
        }

        @Override
        public void write(Object value, CanonicalWriter out) {
            Model model = (Model) value;
            out.beginObject()
                    .name("$leftOut").beginArray().string("trainedAt").string("host").endArray()
                    .field("kind", "linear")
                    .name("meta").map(model.meta)
                    .field("shared", model.meta)
                    .name("weights").value(model.weights)
                    .name("tags").unorderedArray(List.of("b", "a"))
                    .name("n").number(model.weights.length)
                    .endObject();
        }
    };

    @Test
    void whatAMaterializerWritesReadsBackWithItsLeftOutList() {
        Materializers materializers = Materializers.of(List.of(MODEL));
        Model model = new Model(new double[] {0.25, 0.5}, new TreeMap<>(Map.of("epochs", 3L, "lr", 0.1)));

        Artifact artifact = materializers.materialize(List.of(model, model));

        assertThat(artifact.leftOut()).isEmpty(); // the list is not on the top-level object here
        Artifact alone = materializers.materialize(model);
        assertThat(alone.leftOut()).containsExactly("trainedAt", "host");
        assertThat(alone.content()).isEqualTo("""
                {
                  "$leftOut": [
                    "trainedAt",
                    "host"
                  ],
                  "kind": "linear",
                  "meta": {
                    "epochs": 3,
                    "lr": 0.1
                  },
                  "shared": {
                    "epochs": 3,
                    "lr": 0.1
                  },
                  "weights": [
                    0.25,
                    0.5
                  ],
                  "tags": [
                    "a",
                    "b"
                  ],
                  "n": 2
                }""");
        assertThat(CanonicalText.render(materializers.canonicalBytes(List.of(model, model)))).contains("\"n\": 2");
    }

    @Test
    void aLeftOutSetAfterOtherMembersIsReadToo() {
        Materializer late = new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Model.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                out.beginObject()
                        .name("a").beginObject().field("deep", List.of(List.of("$leftOut"))).endObject()
                        .name("$leftOut").unorderedArray(List.of("seed", "clock"))
                        .endObject();
            }
        };

        Artifact artifact = Materializers.of(List.of(late)).materialize(new Model(new double[0], Map.of()));

        assertThat(artifact.leftOut()).containsExactly("clock", "seed"); // a set's strings sort by their UTF-8
    }

    @Test
    void valuesAMaterializerWritesTwiceAreReadAsReferencesAndItsSetsAsSorted() {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Materializer writesShared = new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Model.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                out.beginObject()
                        .field("a", shared)
                        .name("b").unorderedArray(List.of(List.of(shared), shared, "x"))
                        .name("c").map(Map.of(shared, shared))
                        .endObject();
            }
        };

        byte[] bytes = Materializers.of(List.of(writesShared)).canonicalBytes(new Model(new double[0], Map.of()));

        // In b, "x" (STRING) sorts first, then [REF] (ARRAY), then the REF itself.
        assertThat(refs(bytes)).containsExactly("output.b[1][0] -> output.a", "output.b[2] -> output.a",
                "output.c[0].key -> output.a", "output.c[0].value -> output.a");
    }

    // ---- helpers ----

    private static String text(@Nullable Object value) {
        return text(MATERIALIZERS.canonicalBytes(value));
    }

    private static String text(@Nullable Object value, Normalization normalization) {
        return text(bytes(value, normalization));
    }

    /** The whole stream must read: render succeeds, and the first difference from itself is none. */
    private static String text(byte[] bytes) {
        String text = CanonicalText.render(bytes);
        assertThat(FirstDifference.find(in(bytes), in(bytes))).isEmpty();
        assertThat(CanonicalText.render(new ByteArrayInputStream(bytes), Integer.MAX_VALUE)).isEqualTo(text);
        return text;
    }

    private static byte[] bytes(@Nullable Object value, Normalization normalization) {
        Artifact artifact = MATERIALIZERS.materialize(value, normalization);
        try (InputStream in = artifact.open().orElseThrow()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> refs(@Nullable Object value) {
        return refs(MATERIALIZERS.canonicalBytes(value));
    }

    /** Each REF of the stream as {@code where -> what it refers to}, read by the reader itself. */
    private static List<String> refs(byte[] bytes) {
        text(bytes);
        CanonicalReader reader = new CanonicalReader(in(bytes));
        List<String> refs = new ArrayList<>();
        for (CanonicalReader.Kind kind = reader.next(); kind != CanonicalReader.Kind.EOF; kind = reader.next()) {
            if (kind == CanonicalReader.Kind.REF) {
                refs.add(reader.path() + " -> " + reader.refTarget());
            }
        }
        return refs;
    }

    private static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length));
    }
}
