package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each normalizer: what it leaves out, what it still compares, and the two digests it gives an artifact. */
class NormalizationTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    record Row(String id, Instant loadedAt, double score) {}

    record Report(String model, Instant trainedAt, List<Row> rows, Map<String, Double> metrics) {}

    private static Report report(Instant at, double score, String... ids) {
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new Row(id, at, score));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", score);
        metrics.put("loss", 1 - score);
        return new Report("tree", at, rows, metrics);
    }

    private static Artifact materialize(Object value, Normalization.Builder normalization) {
        return MATERIALIZERS.materialize(value, normalization.build());
    }

    private static byte[] member(String name, ExpectedBytes value) {
        return ExpectedBytes.of().name(name).raw(value.bytes()).bytes();
    }

    private static final ExpectedBytes LEFT_OUT = ExpectedBytes.of().string("(left out: @IgnoreFields)");

    @Test
    void aTreeReadFromAnEncodingIsWrittenBackByteForByte() {
        Object value = Map.of("report", report(Instant.EPOCH, 0.25, "a", "b"), "empty", List.of(), "set",
                Set.of(1.5, -2.0), "nested", Map.of(List.of(1, 2), "structured key"), "text", "quote \" and\nnewline",
                "none", new Row[0]);
        String encoded = MATERIALIZERS.canonicalText(value);
    
        assertThat(CanonicalTree.write(CanonicalTree.parse(encoded))).isEqualTo(encoded);
    }

    @Test
    void withoutNormalizersBothDigestsAreTheDigestOfTheCanonicalEncoding() {
        Artifact artifact = MATERIALIZERS.materialize(report(Instant.EPOCH, 0.5, "a"), Normalization.none());

        assertThat(artifact.bytesDigest()).isEqualTo(artifact.digest());
        assertThat(artifact.isNormalized()).isFalse();
        assertThat(artifact.digest()).isEqualTo(Digests.sha256(MATERIALIZERS.canonicalBytes(report(Instant.EPOCH, 0.5, "a"))));
    }

    @Test
    void ignoredFieldsMatchByPathWithWildcardsAndKeepTheirPlace() {
        Normalization.Builder ignore = Normalization.builder().ignoreFields(List.of("trainedAt", "rows[].loadedAt"));
        Artifact first = materialize(report(Instant.EPOCH, 0.5, "a", "b"), ignore);
        Artifact second = materialize(report(Instant.now(), 0.5, "a", "b"), ignore);

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.bytesDigest()).isNotEqualTo(first.bytesDigest());
        assertThat(ExpectedBytes.contains(first.bytes(), member("trainedAt", LEFT_OUT))).isTrue();
        assertThat(ExpectedBytes.contains(first.bytes(), member("loadedAt", LEFT_OUT))).isTrue();
        assertThat(ExpectedBytes.contains(first.bytes(), "1970".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(first.bytesDigest()).isEqualTo(Digests.sha256(MATERIALIZERS.canonicalBytes(report(Instant.EPOCH, 0.5,
                "a", "b"))));
        assertThat(materialize(report(Instant.EPOCH, 0.75, "a", "b"), ignore).digest())
                .as("what is not left out is still compared").isNotEqualTo(first.digest());
    }

    @Test
    void anyMemberWildcardReachesEveryMapEntry() {
        Normalization.Builder ignore = Normalization.builder().ignoreFields(List.of("metrics.*"));

        assertThat(materialize(report(Instant.EPOCH, 0.5, "a"), ignore).digest())
                .isEqualTo(materialize(report(Instant.EPOCH, 0.5, "a"), ignore).digest());
        byte[] metrics = ExpectedBytes.of().name("metrics").tag(CanonicalFormat.MAP).string("accuracy")
                .raw(LEFT_OUT.bytes()).string("loss").raw(LEFT_OUT.bytes()).end().bytes();
        assertThat(ExpectedBytes.contains(materialize(report(Instant.EPOCH, 0.5, "a"), ignore).bytes(), metrics)).isTrue();
    }

    @Test
    void aPathThatMatchesNothingFailsNamingTheOutputsMembers() {
        assertThatThrownBy(() -> materialize(report(Instant.EPOCH, 0.5, "a"),
                Normalization.builder().ignoreFields(List.of("trainedAtt"))))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining("@IgnoreFields(\"trainedAtt\") matches nothing")
                .hasMessageContaining("the output's members are metrics, model, rows, trainedAt");
    }

    @Test
    void anEmptyListStillMatchesAPathThroughIt() {
        Artifact artifact = materialize(report(Instant.EPOCH, 0.5), Normalization.builder()
                .ignoreFields(List.of("rows[].loadedAt")));

        assertThat(ExpectedBytes.contains(artifact.bytes(), member("rows", ExpectedBytes.of().tag(CanonicalFormat.ARRAY)
                .end()))).isTrue();
    }

    @Test
    void ignoredTypesAreLeftOutWhereverTheySitAndNamedByType() {
        Normalization.Builder ignore = Normalization.builder().ignoreTypes(List.of(Instant.class));
        Artifact first = materialize(report(Instant.EPOCH, 0.5, "a", "b"), ignore);
        Artifact second = materialize(report(Instant.now(), 0.5, "a", "b"), ignore);

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.bytesDigest()).isNotEqualTo(first.bytesDigest());
        assertThat(ExpectedBytes.contains(first.bytes(), member("loadedAt",
                ExpectedBytes.of().string("(left out: @IgnoreTypes java.time.Instant)")))).isTrue();
    }

    @Test
    void unorderedListsCompareAsMultisetsAndOrderedOnesStillDoNot() {
        Normalization.Builder unordered = Normalization.builder().unordered(List.of("rows"));
        Artifact ab = materialize(report(Instant.EPOCH, 0.5, "a", "b"), unordered);
        Artifact ba = materialize(report(Instant.EPOCH, 0.5, "b", "a"), unordered);

        assertThat(ba.digest()).isEqualTo(ab.digest());
        assertThat(materialize(report(Instant.EPOCH, 0.5, "a", "a", "b"), unordered).digest())
                .as("a multiset: repeated elements count").isNotEqualTo(ab.digest());
        assertThat(MATERIALIZERS.materialize(report(Instant.EPOCH, 0.5, "b", "a"), Normalization.none()).digest())
                .isNotEqualTo(MATERIALIZERS.materialize(report(Instant.EPOCH, 0.5, "a", "b"), Normalization.none()).digest());
    }

    @Test
    void unorderedWithoutPathIsTheOutputItselfAndInnerListsAreSortedFirst() {
        Normalization.Builder unordered = Normalization.builder().unordered(List.of()).unordered(List.of("[]"));

        assertThat(materialize(List.of(List.of(2, 1), List.of(3)), unordered).digest())
                .isEqualTo(materialize(List.of(List.of(3), List.of(1, 2)), unordered).digest());
    }

    @Test
    void unorderedOnSomethingOtherThanAListFailsNamingWhatItIs() {
        assertThatThrownBy(() -> materialize(report(Instant.EPOCH, 0.5, "a"),
                Normalization.builder().unordered(List.of("model"))))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining("@Unordered(\"model\") names output.model, which is not a list but the value \"tree\"");
    }

    @Test
    void significantDigitsRoundFloatingPointButNotIntegersOrText() {
        Normalization.Builder digits = Normalization.builder().significantDigits(6);
        Object left = Map.of("x", 0.1 + 0.2, "n", 123456789L, "s", "0.30000000000000004", "big", new BigDecimal("1234567.891"));
        Object right = Map.of("x", 0.3, "n", 123456789L, "s", "0.30000000000000004", "big", new BigDecimal("1234567.8912"));

        assertThat(materialize(left, digits).digest()).isEqualTo(materialize(right, digits).digest());
        Object rounded = Map.of("x", 0.3, "n", 123456789L, "s", "0.30000000000000004", "big", new BigDecimal("1.23457E+6"));
        assertThat(materialize(left, digits).digest()).as("the compared form holds the rounded numbers")
                .isEqualTo(MATERIALIZERS.materialize(rounded).digest());
        assertThat(materialize(Map.of("x", 0.300001), digits).digest())
                .isNotEqualTo(materialize(Map.of("x", 0.3), digits).digest());
    }

    @Test
    void aToleranceLeavesTheDigestExactAndComparesRunsNumberByNumber() {
        Normalization ulps = Normalization.builder().tolerance(4, 0).build();
        Artifact left = MATERIALIZERS.materialize(List.of(1.0, 0.1 + 0.2, "label"), ulps);
        Artifact close = MATERIALIZERS.materialize(List.of(1.0, 0.3, "label"), ulps);
        Artifact far = MATERIALIZERS.materialize(List.of(1.0, 0.30001, "label"), ulps);
        Artifact otherText = MATERIALIZERS.materialize(List.of(1.0, 0.3, "other"), ulps);
    
        assertThat(close.digest()).isNotEqualTo(left.digest());
        assertThat(ulps.compareWithinTolerance(left, close))
                .isEqualTo(new ToleranceCheck(true, "every number was within @Tolerance(ulps = 4); the largest difference"
                        + " was 1 ulps at output[1] (0.30000000000000004 against 0.3)"));
        assertThat(ulps.compareWithinTolerance(left, far).within()).isFalse();
        assertThat(ulps.compareWithinTolerance(left, far).detail()).startsWith("output[1] differs by ")
                .endsWith("beyond @Tolerance(ulps = 4)");
        assertThat(ulps.compareWithinTolerance(left, otherText))
                .isEqualTo(new ToleranceCheck(false, "output[2] is \"label\" in one run and \"other\" in the other"));
    }

    @Test
    void aRelativeToleranceScalesWithTheLargerMagnitude() {
        Normalization relative = Normalization.builder().tolerance(0, 1e-6).build();
        Artifact base = MATERIALIZERS.materialize(Map.of("loss", 1000.0, "zero", 0.0), relative);
    
        assertThat(relative.compareWithinTolerance(base,
                MATERIALIZERS.materialize(Map.of("loss", 1000.0005, "zero", -0.0), relative)).within()).isTrue();
        assertThat(relative.compareWithinTolerance(base,
                MATERIALIZERS.materialize(Map.of("loss", 1000.01, "zero", 0.0), relative)).detail())
                .startsWith("output.loss differs by a relative ").endsWith("beyond @Tolerance(relative = 1.0E-6)");
    }

    @Test
    void ulpDistanceCountsDoublesBetweenValuesAcrossZero() {
        assertThat(ToleranceComparison.ulpDistance(1.0, Math.nextUp(1.0))).isEqualTo(1);
        assertThat(ToleranceComparison.ulpDistance(0.0, -0.0)).isZero();
        assertThat(ToleranceComparison.ulpDistance(Double.MIN_VALUE, -Double.MIN_VALUE)).isEqualTo(2);
        assertThat(ToleranceComparison.ulpDistance(-Double.MAX_VALUE, Double.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void malformedNormalizersSayWhatIsWrong() {
        assertThatThrownBy(() -> Normalization.builder().tolerance(4, 1e-9))
                .hasMessageContaining("exactly one of ulps and relative");
        assertThatThrownBy(() -> Normalization.builder().tolerance(0, 0)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Normalization.builder().tolerance(-1, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Normalization.builder().significantDigits(18)).hasMessageContaining("1 to 17");
        assertThatThrownBy(() -> Normalization.builder().ignoreFields(List.of("rows[0].id")))
                .hasMessageContaining("write [] for every element");
        assertThatThrownBy(() -> Normalization.builder().ignoreFields(List.of("rows.")))
                .hasMessageContaining("ends with a dot");
        assertThatThrownBy(() -> Normalization.builder().ignoreFields(List.of())).hasMessageContaining("names no path");
    }

    @Test
    void descriptionsNameEachNormalizerAsDeclared() {
        Normalization all = Normalization.builder().ignoreFields(List.of("a", "b[].c")).ignoreTypes(List.of(Instant.class))
                .unordered(List.of()).significantDigits(6).tolerance(0, 1e-9).build();

        assertThat(all.describe()).isEqualTo("@IgnoreFields({\"a\", \"b[].c\"}), @IgnoreTypes(java.time.Instant),"
                + " @Unordered, @SignificantDigits(6), @Tolerance(relative = 1.0E-9)");
        assertThat(Normalization.none().describe()).isEqualTo("none");
    }

    @Test
    void aMaterializersSerializedFormGivesTheBytesDigest() {
        Materializer withSerializedForm = new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Row.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                out.string(((Row) value).id());
            }

            @Override
            public java.util.Optional<byte[]> serializedForm(Object value) {
                return java.util.Optional.of(value.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
        Materializers materializers = Materializers.of(List.of(withSerializedForm));
        Artifact first = materializers.materialize(new Row("a", Instant.EPOCH, 1), Normalization.none());
        Artifact second = materializers.materialize(new Row("a", Instant.now(), 1), Normalization.none());

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(first.bytesDigest()).isEqualTo(Digests.sha256(new Row("a", Instant.EPOCH, 1).toString()));
        assertThat(second.bytesDigest()).isNotEqualTo(first.bytesDigest());
    }

    record Sample(String id, double[] values, Map<String, List<Integer>> groups) {}

    @Test
    void significantDigitsRoundPackedNumbersFloatsAndDecimals() {
        Normalization.Builder digits = Normalization.builder().significantDigits(3);

        assertThat(materialize(new double[] {1.2345, 0.1 + 0.2, Double.NaN, -0.0}, digits).digest())
                .isEqualTo(MATERIALIZERS.materialize(new double[] {1.23, 0.3, Double.NaN, 0.0}).digest())
                .isEqualTo(materialize(List.of(1.2346, 0.3, Double.NaN, 0.0), digits).digest());
        assertThat(materialize(new float[] {1.2345f}, digits).digest())
                .isEqualTo(MATERIALIZERS.materialize(new float[] {1.23f}).digest());
        assertThat(materialize(new BigDecimal("1.50"), digits).digest())
                .isEqualTo(MATERIALIZERS.materialize(new BigDecimal("1.5")).digest());
        assertThat(materialize(new double[] {1.125}, digits).digest()).as("1.125 is exact: half-even gives 1.12")
                .isEqualTo(MATERIALIZERS.materialize(new double[] {1.12}).digest());
        assertThat(materialize(new double[] {1.235}, digits).digest()).as("1.235 is a little above: 1.24")
                .isEqualTo(MATERIALIZERS.materialize(new double[] {1.24}).digest());
        assertThat(materialize(new long[] {12345}, digits).digest()).as("integers are not rounded")
                .isEqualTo(MATERIALIZERS.materialize(new long[] {12345}).digest());
    }

    @Test
    void anUnorderedPackedListStaysPackedAndIsSortedByItsBytes() {
        Normalization.Builder unordered = Normalization.builder().unordered(List.of("values"));
        Sample one = new Sample("s", new double[] {3, -1, 2}, Map.of());
        Sample other = new Sample("s", new double[] {-1, 2, 3}, Map.of());

        Artifact artifact = materialize(one, unordered);
        assertThat(artifact.digest()).isEqualTo(materialize(other, unordered).digest());
        // By their bytes: positive doubles first (sign bit clear), then negative.
        byte[] sorted = ExpectedBytes.of().name("values").tag(CanonicalFormat.F64S).varint(3)
                .i64(Double.doubleToLongBits(2)).i64(Double.doubleToLongBits(3)).i64(Double.doubleToLongBits(-1)).bytes();
        assertThat(ExpectedBytes.contains(artifact.bytes(), sorted)).isTrue();
        assertThat(materialize(new Sample("s", new double[] {3, -1, -1}, Map.of()), unordered).digest())
                .isNotEqualTo(artifact.digest());
    }

    @Test
    void unorderedAndIgnoredReachIntoMapEntriesByTheirKeys() {
        Normalization.Builder normalization = Normalization.builder().unordered(List.of("groups.a"))
                .ignoreFields(List.of("groups.b"));
        Sample one = new Sample("s", new double[0], Map.of("a", List.of(1, 2), "b", List.of(5), "c", List.of(7, 8)));
        Sample other = new Sample("s", new double[0], Map.of("a", List.of(2, 1), "b", List.of(6), "c", List.of(7, 8)));
        Sample reordered = new Sample("s", new double[0], Map.of("a", List.of(1, 2), "b", List.of(5), "c",
                List.of(8, 7)));

        assertThat(materialize(one, normalization).digest()).isEqualTo(materialize(other, normalization).digest())
                .isNotEqualTo(materialize(reordered, normalization).digest());
    }

    @Test
    void ignoringEveryElementOfAPackedListWritesEachAsLeftOut() {
        Artifact artifact = materialize(new Sample("s", new double[] {1, 2}, Map.of()),
                Normalization.builder().ignoreFields(List.of("values[]")));

        assertThat(ExpectedBytes.contains(artifact.bytes(), member("values", ExpectedBytes.of().tag(CanonicalFormat.ARRAY)
                .raw(LEFT_OUT.bytes()).raw(LEFT_OUT.bytes()).end()))).isTrue();
    }

    @Test
    void setElementsThatDifferOnlyInAnIgnoredFieldEndUpEqual() {
        Normalization.Builder ignore = Normalization.builder().ignoreFields(List.of("[].loadedAt"));
        Set<Row> early = Set.of(new Row("a", Instant.EPOCH, 1), new Row("b", Instant.EPOCH.plusSeconds(5), 1));
        Set<Row> late = Set.of(new Row("b", Instant.now(), 1), new Row("a", Instant.now().plusSeconds(1), 1));

        assertThat(materialize(early, ignore).digest()).isEqualTo(materialize(late, ignore).digest());
        assertThat(materialize(Set.of(new Row("a", Instant.EPOCH, 1), new Row("a", Instant.now(), 1)), ignore).digest())
                .as("two elements that became equal are still two").isNotEqualTo(materialize(Set.of(new Row("a",
                        Instant.EPOCH, 1)), ignore).digest());
    }

    @Test
    void whatAMaterializerWritesForAnIgnoredMemberIsDropped() {
        Materializer stamped = new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Row.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                Row row = (Row) value;
                out.beginObject().field("id", row.id()).name("stamp").beginObject().field("at", row.loadedAt())
                        .name("parts").beginArray().value(List.of(1, 2)).endArray().endObject().endObject();
            }
        };
        Materializers materializers = Materializers.of(List.of(stamped));
        Normalization ignore = Normalization.builder().ignoreFields(List.of("[].stamp")).build();
        Row first = new Row("a", Instant.EPOCH, 1);

        Artifact artifact = materializers.materialize(List.of(first, first), ignore);

        assertThat(artifact.digest()).isEqualTo(materializers.materialize(List.of(first, new Row("a", Instant.now(), 1)),
                ignore).digest());
        byte[] row = ExpectedBytes.of().tag(CanonicalFormat.OBJECT).name("id").string("a").name("stamp")
                .raw(LEFT_OUT.bytes()).end().bytes();
        assertThat(artifact.bytes()).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).raw(row).raw(row).end()
                .bytes());
    }

    @Test
    void ignoredTypesAreNeverPackedSoEachNumberIsLeftOut() {
        Artifact artifact = materialize(new double[] {1, 2}, Normalization.builder().ignoreTypes(List.of(Double.class)));

        ExpectedBytes marker = ExpectedBytes.of().string("(left out: @IgnoreTypes java.lang.Double)");
        assertThat(artifact.bytes()).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).raw(marker.bytes())
                .raw(marker.bytes()).end().bytes());
        assertThat(artifact.bytesDigest()).isEqualTo(MATERIALIZERS.materialize(new double[] {1, 2}).digest());
        Artifact row = materialize(new Row("a", Instant.EPOCH, 0.5), Normalization.builder()
                .ignoreTypes(List.of(Double.class)).significantDigits(1));
        assertThat(ExpectedBytes.contains(row.bytes(), member("score", marker))).as("a primitive member too").isTrue();
        assertThat(materialize(new Row("a", Instant.EPOCH, 0.46), Normalization.builder().significantDigits(1)).digest())
                .as("a primitive member is rounded").isEqualTo(MATERIALIZERS.materialize(new Row("a", Instant.EPOCH, 0.5))
                        .digest());
    }

    @Test
    void anUnorderedPathThatMatchesNothingFailsNamingWhatTheOutputIs() {
        assertThatThrownBy(() -> materialize(List.of(1, 2), Normalization.builder().unordered(List.of("rows"))))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining("@Unordered(\"rows\") matches nothing").hasMessageContaining("the output is a list");
    }
}
