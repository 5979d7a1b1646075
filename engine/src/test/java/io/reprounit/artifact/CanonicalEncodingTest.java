package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canonical encoding that digests are taken of: equal values give equal bytes, whatever order they came in. */
class CanonicalEncodingTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    record Point(int y, String label, double x) {}

    record Holder(List<Object> items) {}

    /** A bean: read through its fields, sorted by name, whatever its getters compute. */
    public static final class Bean {
        private final String zeta = "z";
        private final boolean alpha = true;
        private final int middle = 5;
        private transient int cachedHash = 99;

        public String getZeta() {
            return zeta;
        }

        public boolean isAlpha() {
            return alpha;
        }

        public int getMiddle() {
            return middle;
        }
    }

    /** A class with nothing but a private field: encoded by it. */
    static final class Opaque {
        @SuppressWarnings("unused")
        private final int hidden = 1;
    }

    /** Holds a JDK object that has no value of its own. */
    static final class HoldsThread {
        @SuppressWarnings("unused")
        private final Thread thread = new Thread(() -> {});
    }

    @TempDir
    Path directory;

    @Test
    void mapKeysAreSorted() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("zebra", 1);
        map.put("apple", 2);
        map.put("mango", 3);

        assertThat(text(map)).isEqualTo("{\n  \"apple\": 2,\n  \"mango\": 3,\n  \"zebra\": 1\n}");
    }

    @Test
    void setElementsAreSortedByTheirEncoding() {
        assertThat(text(new LinkedHashSet<>(List.of("c", "a", "b")))).isEqualTo("[\n  \"a\",\n  \"b\",\n  \"c\"\n]");
    }

    @Test
    void listsKeepTheirOrder() {
        assertThat(text(List.of("c", "a"))).isEqualTo("[\n  \"c\",\n  \"a\"\n]");
        assertThat(digest(List.of("c", "a"))).isNotEqualTo(digest(List.of("a", "c")));
    }

    @Test
    void insertionOrderOfHashSetsAndHashMapsDoesNotChangeTheDigest() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            words.add("word-" + i);
        }
        Set<String> forward = new LinkedHashSet<>(words);
        Map<String, Integer> forwardMap = new LinkedHashMap<>();
        words.forEach(word -> forwardMap.put(word, word.length()));
        List<String> reversed = new ArrayList<>(words);
        java.util.Collections.reverse(reversed);
        Set<String> backward = new HashSet<>(reversed.size(), 0.99f);
        backward.addAll(reversed);
        Map<String, Integer> backwardMap = new HashMap<>();
        reversed.forEach(word -> backwardMap.put(word, word.length()));

        assertThat(digest(backward)).isEqualTo(digest(forward));
        assertThat(digest(backwardMap)).isEqualTo(digest(forwardMap)).isEqualTo(digest(new TreeMap<>(forwardMap)));
        assertThat(digest(Set.of("x", "y", "z"))).isEqualTo(digest(new LinkedHashSet<>(List.of("z", "y", "x"))));
    }

    @Test
    void recordsAreEncodedByTheirComponentsSortedByName() {
        assertThat(text(new Point(2, "p", 1.5)))
                .isEqualTo("{\n  \"label\": \"p\",\n  \"x\": 1.5,\n  \"y\": 2\n}");
    }

    @Test
    void otherObjectsAreEncodedByTheirFieldsSortedByNameWithTheirClass() {
        assertThat(text(new Bean())).isEqualTo("{\n  \"$class\": \"" + Bean.class.getName() + "\",\n  \"alpha\": true,"
                + "\n  \"middle\": 5,\n  \"zeta\": \"z\"\n}");
    }

    @Test
    void nestedStructuresAreIndentedOneElementPerLine() {
        assertThat(text(Map.of("points", List.of(new Point(1, "a", 0.5)))))
                .isEqualTo("{\n  \"points\": [\n    {\n      \"label\": \"a\",\n      \"x\": 0.5,\n      \"y\": 1\n    }\n  ]\n}");
    }

    @Test
    void floatingPointIsWrittenByItsExactValue() {
        assertThat(text(0.1)).isEqualTo("0.1");
        assertThat(text(0.1f)).as("a float by its own digits, not its widening's").isEqualTo("0.1");
        assertThat(text(2.0E-3)).isEqualTo("0.002");
        assertThat(text(1.5)).isEqualTo("1.5");
        assertThat(text(100.0)).isEqualTo("100.0");
        assertThat(text(-0.0)).isEqualTo("-0.0");
        assertThat(text(0.0)).isEqualTo("0.0");
        assertThat(text(Double.NaN)).isEqualTo("NaN");
        assertThat(text(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(text(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        assertThat(digest(-0.0)).isNotEqualTo(digest(0.0));
    }

    @Test
    void floatingPointIsShortestWhereJava17sToStringIsNot() {
        // Java 17's Double.toString gives 9.999999999999999E22 for 1e23 (JDK-4511638, fixed in 19).
        assertThat(text(1.0E23)).isEqualTo("1.0E23");
        assertThat(text(2.0E23)).isEqualTo("2.0E23");
    }

    @Test
    void aPowerOfTwoIsWrittenWithDigitsThatReadBackAsTheSameValue() {
        // At a power of two the nearest decimal of the shortest length can fall outside the values that read back:
        // 2^132 is 5.444517870735016E39, while 5.444517870735015E39 reads back as the double below it.
        double powerOfTwo = Math.scalb(1.0, 132);
        assertThat(text(powerOfTwo)).isEqualTo("5.444517870735016E39");
        assertThat(text(Math.scalb(1.0f, -96))).isEqualTo("1.2621775E-29");
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            double value = Math.scalb(1.0, exponent);
            assertThat(Double.parseDouble(FloatingPoint.exactShortest(value))).as("2^" + exponent).isEqualTo(value);
        }
        for (int exponent = -149; exponent <= 127; exponent++) {
            float value = Math.scalb(1.0f, exponent);
            assertThat(Float.parseFloat(FloatingPoint.exactShortest(value))).as("2^" + exponent).isEqualTo(value);
        }
    }

    @Test
    void floatingPointReadsBackAndIsNoLongerThanJavasOwnDigits() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20240611);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            String written = FloatingPoint.exactShortest(value);
            assertThat(Double.parseDouble(written)).as(written).isEqualTo(value);
            assertThat(digits(written)).as(written).isLessThanOrEqualTo(digits(Double.toString(value)));
        }
    }

    @Test
    void integersOfEveryWidthAreWrittenAlike() {
        assertThat(text(42)).isEqualTo("42");
        assertThat(text(42L)).isEqualTo("42");
        assertThat(text((short) 42)).isEqualTo("42");
        assertThat(text(new java.math.BigDecimal("1.50"))).isEqualTo("1.50");
    }

    @Test
    void aStringIsItsUtf8BytesAndAByteArrayItsBytes() {
        Artifact text = MATERIALIZERS.materialize("héllo\n");
        assertThat(text.digest()).isEqualTo(Digests.sha256("héllo\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.size()).isEqualTo(7);
        assertThat(text.mediaType()).isEqualTo(Artifact.TEXT);

        byte[] bytes = {0, 1, 2, (byte) 0xff};
        Artifact binary = MATERIALIZERS.materialize(bytes);
        assertThat(binary.digest()).isEqualTo(Digests.sha256(bytes));
        assertThat(binary.mediaType()).isEqualTo(Artifact.BINARY);
        assertThat(binary.size()).isEqualTo(4);
    }

    @Test
    void aFileIsItsContentWhereverItIs() throws Exception {
        Path one = Files.writeString(directory.resolve("one.csv"), "a,b\n1,2\n");
        Files.createDirectories(directory.resolve("elsewhere"));
        Path two = Files.writeString(directory.resolve("elsewhere/two.txt"), "a,b\n1,2\n");

        Artifact artifact = MATERIALIZERS.materialize(one);
        assertThat(artifact.digest()).isEqualTo(Digests.sha256("a,b\n1,2\n")).isEqualTo(MATERIALIZERS.materialize(two)
                .digest());
        assertThat(artifact.size()).isEqualTo(8);
        Files.writeString(two, "a,b\n1,3\n");
        assertThat(MATERIALIZERS.materialize(two).digest()).isNotEqualTo(artifact.digest());
    }

    @Test
    void aDirectoryIsItsSortedRelativePathsWithEachFilesContentDigest() throws Exception {
        Path first = tree(directory.resolve("first"), List.of("b.txt", "a/z.txt", "a/c.txt"));
        Path second = tree(directory.resolve("second/deeper"), List.of("a/c.txt", "b.txt", "a/z.txt"));

        String encoded = text(first);
        assertThat(encoded).isEqualTo("{\n"
                + "  \"a/c.txt\": \"" + Digests.sha256("content of a/c.txt") + "\",\n"
                + "  \"a/z.txt\": \"" + Digests.sha256("content of a/z.txt") + "\",\n"
                + "  \"b.txt\": \"" + Digests.sha256("content of b.txt") + "\"\n"
                + "}");
        assertThat(MATERIALIZERS.materialize(second).digest()).isEqualTo(MATERIALIZERS.materialize(first).digest());

        Files.writeString(second.resolve("a/c.txt"), "changed");
        assertThat(MATERIALIZERS.materialize(second).digest()).isNotEqualTo(MATERIALIZERS.materialize(first).digest());
        Files.writeString(second.resolve("a/c.txt"), "content of a/c.txt");
        Files.move(second.resolve("b.txt"), second.resolve("renamed.txt"));
        assertThat(MATERIALIZERS.materialize(second).digest()).isNotEqualTo(MATERIALIZERS.materialize(first).digest());
    }

    @Test
    void aPathThatDoesNotExistCannotBeMaterialized() {
        assertThatThrownBy(() -> MATERIALIZERS.materialize(directory.resolve("missing.bin")))
                .isInstanceOf(MaterializationException.class).hasMessageContaining("missing.bin");
    }

    @Test
    void anUnsupportedValueNamesItsTypeAndWhereItSits() {
        Holder holder = new Holder(List.of("fine", new HoldsThread()));

        assertThatThrownBy(() -> MATERIALIZERS.materialize(holder))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining(Thread.class.getName())
                .hasMessageContaining("output.items[1].thread");
    }

    @Test
    void aValueThatContainsItselfRefersBackInsteadOfLoopingForever() {
        List<Object> loop = new ArrayList<>();
        loop.add("start");
        loop.add(loop);

        assertThat(text(loop)).isEqualTo("[\n  \"start\",\n  {\n    \"$ref\": \"output\"\n  }\n]");
    }

    @Test
    void unsupportedReturnTypesAreKnownBeforeAnythingRuns() throws Exception {
        assertThat(MATERIALIZERS.whyUnsupported(void.class)).get().asString().contains("void");
        assertThat(MATERIALIZERS.whyUnsupported(Signatures.class.getDeclaredMethod("stream").getGenericReturnType()))
                .get().asString().contains("java.util.stream.Stream").contains("no content to compare");
        assertThat(MATERIALIZERS.whyUnsupported(HoldsThread.class)).get().asString()
                .contains("field thread of " + HoldsThread.class.getName()).contains("java.lang.Thread");
        assertThat(MATERIALIZERS.whyUnsupported(Opaque.class)).isEmpty();
        assertThat(MATERIALIZERS.whyUnsupported(Signatures.class.getDeclaredMethod("points").getGenericReturnType()))
                .isEmpty();
        assertThat(MATERIALIZERS.whyUnsupported(Path.class)).isEmpty();
        assertThat(MATERIALIZERS.whyUnsupported(byte[].class)).isEmpty();
    }

    @Test
    void aRegisteredMaterializerIsAskedFirst() {
        Materializer upper = new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Opaque.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                out.beginObject().field("opaque", "yes").endObject();
            }
        };

        assertThat(Materializers.of(List.of(upper)).canonicalText(new Holder(List.of(new Opaque()))))
                .isEqualTo("{\n  \"items\": [\n    {\n      \"opaque\": \"yes\"\n    }\n  ]\n}");
    }

    /** Declared return types to judge. */
    interface Signatures {
        Stream<String> stream();

        Map<String, List<Point>> points();
    }

    private static Path tree(Path root, List<String> files) throws Exception {
        for (String file : files) {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "content of " + file);
        }
        return root;
    }

    private static int digits(String decimal) {
        int exponent = decimal.indexOf('E');
        String mantissa = (exponent < 0 ? decimal : decimal.substring(0, exponent)).replace("-", "").replace(".", "");
        return Math.max(1, mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length());
    }

    private static String text(Object value) {
        return MATERIALIZERS.canonicalText(value);
    }

    private static String digest(Object value) {
        return MATERIALIZERS.materialize(value).digest();
    }
}
