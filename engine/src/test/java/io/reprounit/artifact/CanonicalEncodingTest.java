package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canonical binary form that digests are taken of, byte by byte against the grammar of {@link CanonicalFormat}:
 * equal values give equal bytes, whatever order they came in; values that differ give different bytes.
 */
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
    void aTextOutputCutInTheMiddleOfAnEmojiIsNotTheSameAsAQuestionMark() {
        assertThat(MATERIALIZERS.materialize("x\uD83D").digest()).isNotEqualTo(MATERIALIZERS.materialize("x?").digest())
                .isNotEqualTo(MATERIALIZERS.materialize("x\uD83C").digest());
        assertThat(MATERIALIZERS.materialize("héllo").bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapKeysAreSortedByTheirBytesWhateverTheMapsOrder() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("zebra", 1);
        map.put("apple", 2);
        map.put("mango", 3);

        assertThat(bytes(map)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.MAP).string("apple").integer(2)
                .string("mango").integer(3).string("zebra").integer(1).end().bytes());
        assertThat(bytes(new HashMap<>(map))).isEqualTo(bytes(map)).isEqualTo(bytes(new TreeMap<>(map)));
    }

    @Test
    void setElementsAreSortedByTheirBytes() {
        // By bytes, strings by their UTF-8 alone (not by their length first): "bb" before "c".
        assertThat(bytes(new LinkedHashSet<>(List.of("c", "a", "bb")))).isEqualTo(ExpectedBytes.of()
                .tag(CanonicalFormat.SET).string("a").string("bb").string("c").end().bytes());
        assertThat(digest(new LinkedHashSet<>(List.of(3, 1, 2)))).isEqualTo(digest(new HashSet<>(List.of(1, 2, 3))))
                .isEqualTo(digest(Set.of(2, 3, 1)));
    }

    @Test
    void listsKeepTheirOrder() {
        assertThat(bytes(List.of("c", "a"))).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).string("c")
                .string("a").end().bytes());
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
        assertThat(digest(forward)).as("a set is not a list").isNotEqualTo(digest(new ArrayList<>(new TreeSet<>(words))));
    }

    @Test
    void recordsAreEncodedByTheirComponentsSortedByName() {
        assertThat(bytes(new Point(2, "p", 1.5))).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT)
                .name("label").string("p").name("x").f64(1.5).name("y").integer(2).end().bytes());
    }

    @Test
    void otherObjectsAreEncodedByTheirFieldsSortedByNameWithTheirClass() {
        assertThat(bytes(new Bean())).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT)
                .name("$class").string(Bean.class.getName()).name("alpha").tag(CanonicalFormat.TRUE)
                .name("middle").integer(5).name("zeta").string("z").end().bytes());
    }

    @Test
    void scalarsAreTheirTagsAndBigEndianBytes() {
        assertThat(bytes(null)).containsExactly(CanonicalFormat.NULL);
        assertThat(bytes(false)).containsExactly(CanonicalFormat.FALSE);
        assertThat(bytes(-1)).isEqualTo(ExpectedBytes.of().integer(-1).bytes());
        assertThat(bytes(0.5f)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.F32).i32(0x3F000000).bytes());
        assertThat(bytes("é")).containsExactly(CanonicalFormat.STRING, 2, (byte) 0xC3, (byte) 0xA9);
        assertThat(bytes(new java.math.BigDecimal("-1.50"))).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.DECIMAL)
                .i32(2).varint(2).raw((byte) 0xFF, (byte) 0x6A).bytes());
        assertThat(bytes(java.math.BigInteger.ONE.shiftLeft(64))).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.BIG_INT)
                .varint(9).raw((byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0)
                .bytes());
        assertThat(bytes("x".repeat(300))).startsWith(CanonicalFormat.STRING, (byte) 0xAC, (byte) 0x02).hasSize(303);
        assertThat(bytes(java.time.LocalDate.of(2026, 11, 29))).isEqualTo(ExpectedBytes.of().string("2026-11-29").bytes());
        assertThat(bytes(Optional.empty())).containsExactly(CanonicalFormat.NULL);
    }

    @Test
    void everyNaNIsTheSameAndNegativeZeroIsNotZero() {
        double quiet = Double.NaN;
        double payload = Double.longBitsToDouble(0x7FF0_0000_0000_0001L);
        double negative = Double.longBitsToDouble(0xFFF8_0000_0000_0000L);
        assertThat(Double.doubleToRawLongBits(payload)).isNotEqualTo(Double.doubleToRawLongBits(quiet));

        assertThat(bytes(payload)).isEqualTo(bytes(quiet)).isEqualTo(bytes(negative))
                .isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.F64).i64(0x7FF8_0000_0000_0000L).bytes());
        assertThat(bytes(new double[] {payload, 1, negative})).isEqualTo(bytes(new double[] {quiet, 1, quiet}))
                .isEqualTo(bytes(List.of(negative, 1.0, payload)));
        assertThat(bytes(Float.intBitsToFloat(0x7F80_0001))).isEqualTo(bytes(Float.NaN));
        assertThat(bytes(new float[] {Float.intBitsToFloat(0xFFC0_0000)})).isEqualTo(bytes(new float[] {Float.NaN}));

        assertThat(digest(-0.0)).isNotEqualTo(digest(0.0));
        assertThat(digest(new double[] {-0.0})).isNotEqualTo(digest(new double[] {0.0}));
        assertThat(digest(-0.0f)).isNotEqualTo(digest(0.0f));
    }

    @Test
    void extremeAndSubnormalDoublesAreWrittenByTheirExactBits() {
        double[] extremes = {Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e-300, 1e300, 1.0E23};
        ExpectedBytes expected = ExpectedBytes.of().tag(CanonicalFormat.F64S).varint(extremes.length);
        for (double value : extremes) {
            expected.i64(Double.doubleToLongBits(value));
            assertThat(bytes(value)).isEqualTo(ExpectedBytes.of().f64(value).bytes());
            assertThat(digest(value)).as("%s and its neighbours", value).isNotEqualTo(digest(Math.nextUp(value)))
                    .isNotEqualTo(digest(Math.nextDown(value)));
        }
        assertThat(bytes(extremes)).isEqualTo(expected.bytes());
        assertThat(digest(Double.MIN_VALUE)).isNotEqualTo(digest(0.0)).isNotEqualTo(digest(-Double.MIN_VALUE));
        assertThat(digest(Double.POSITIVE_INFINITY)).isNotEqualTo(digest(Double.MAX_VALUE))
                .isNotEqualTo(digest(Double.NEGATIVE_INFINITY));
        assertThat(digest(0.1f)).as("a float is not its widening").isNotEqualTo(digest((double) 0.1f));
    }

    @Test
    void integersOfEveryWidthAreWrittenAlike() {
        String digest = digest(42);
        assertThat(List.of(digest(42L), digest((short) 42), digest((byte) 42), digest(java.math.BigInteger.valueOf(42))))
                .containsOnly(digest);
        assertThat(digest(42.0)).isNotEqualTo(digest);
        assertThat(digest(new java.math.BigDecimal("1.50"))).isNotEqualTo(digest(new java.math.BigDecimal("1.5")));
    }

    @Test
    void numbersInBulkArePackedAndAgreeWhateverHoldsThem() {
        assertThat(bytes(new double[] {1.5, -2})).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.F64S).varint(2)
                .i64(Double.doubleToLongBits(1.5)).i64(Double.doubleToLongBits(-2)).bytes());
        assertThat(bytes(List.of(1.5, -2.0))).isEqualTo(bytes(new double[] {1.5, -2}))
                .isEqualTo(bytes(new Double[] {1.5, -2.0})).isEqualTo(bytes(new Object[] {1.5, -2.0}));
        assertThat(bytes(new int[] {1, -2})).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.INTS).varint(2).i64(1)
                .i64(-2).bytes());
        assertThat(bytes(List.of(1, -2))).isEqualTo(bytes(new int[] {1, -2})).isEqualTo(bytes(new long[] {1, -2}))
                .isEqualTo(bytes(new short[] {1, -2})).isEqualTo(bytes(List.of((byte) 1, -2L)));
        assertThat(bytes(new float[] {0.5f})).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.F32S).varint(1)
                .i32(0x3F000000).bytes()).isEqualTo(bytes(List.of(0.5f)));
        assertThat(bytes(List.of())).isEqualTo(bytes(new double[0])).isEqualTo(bytes(new Object[0]))
                .isEqualTo(bytes(new int[0])).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).end().bytes());
        assertThat(bytes(Arrays.asList(1.5, 2))).as("mixed numbers are elements one by one").isEqualTo(ExpectedBytes.of()
                .tag(CanonicalFormat.ARRAY).f64(1.5).integer(2).end().bytes());
        assertThat(digest(new double[] {1, 2})).isNotEqualTo(digest(new float[] {1, 2}))
                .isNotEqualTo(digest(new long[] {1, 2}));
    }

    @Test
    void bytesAreOneContainerAndOtherPrimitiveArraysAreLists() {
        assertThat(bytes(List.of(new byte[] {1, 2}))).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY)
                .tag(CanonicalFormat.BYTES).varint(2).raw((byte) 1, (byte) 2).end().bytes());
        assertThat(bytes(new char[] {'a'})).isEqualTo(bytes(List.of("a")));
        assertThat(bytes(new boolean[] {true, false})).isEqualTo(bytes(List.of(true, false)));
    }

    @Test
    void aLargeDoubleArrayDigestsAsItsBytes() {
        double[] values = new double[1_000_000];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(1 + 3 + 8 * values.length);
        expected.put(CanonicalFormat.F64S).put((byte) 0xC0).put((byte) 0x84).put((byte) 0x3D);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() - 0.5;
            expected.putLong(Double.doubleToLongBits(values[i]));
        }

        Artifact artifact = MATERIALIZERS.materialize(values);

        assertThat(artifact.digest()).isEqualTo(Digests.sha256(expected.array()));
        assertThat(artifact.size()).isEqualTo(expected.capacity());
        assertThat(artifact.mediaType()).isEqualTo(Artifact.CANONICAL);
        assertThat(artifact.isComplete()).isFalse();
        assertThat(artifact.bytes()).isEqualTo(Arrays.copyOf(expected.array(), Artifact.MAX_KEPT_BYTES));
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

        assertThat(bytes(first)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.MAP)
                .string("a/c.txt").string(Digests.sha256("content of a/c.txt"))
                .string("a/z.txt").string(Digests.sha256("content of a/z.txt"))
                .string("b.txt").string(Digests.sha256("content of b.txt")).end().bytes());
        assertThat(MATERIALIZERS.materialize(first).bytes()).isEqualTo(bytes(first));
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

        assertThat(bytes(loop)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).string("start").ref(0, 0).end()
                .bytes());
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

        assertThat(Materializers.of(List.of(upper)).canonicalBytes(new Holder(List.of(new Opaque()))))
                .isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT).name("items").tag(CanonicalFormat.ARRAY)
                        .tag(CanonicalFormat.OBJECT).name("opaque").string("yes").end().end().end().bytes());
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

    private static byte[] bytes(@Nullable Object value) {
        return MATERIALIZERS.canonicalBytes(value);
    }

    private static String digest(@Nullable Object value) {
        return MATERIALIZERS.materialize(value).digest();
    }
}
