package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through a real artifact store: a value is materialized into the store, read back as its declared type,
 * and must equal the original and materialize to the same digest; and the failures, each with its reason.
 */
class ReadBackTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    @TempDir
    Path temp;

    private ArtifactStore store;
    private Path scratch;

    @BeforeEach
    void setUp() throws Exception {
        store = new ArtifactStore(temp.resolve("artifacts"));
        scratch = Files.createDirectories(temp.resolve("scratch"));
    }

    /** Captures a generic type: {@code new TypeOf<List<String>>() {}.type()}. */
    abstract static class TypeOf<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    private @Nullable Object roundTrip(@Nullable Object value, Type type) throws ArtifactReadException {
        return roundTrip(MATERIALIZERS, value, type);
    }

    private @Nullable Object roundTrip(Materializers materializers, @Nullable Object value, Type type)
            throws ArtifactReadException {
        Artifact stored = materializers.materialize(value, Normalization.none(), store);
        assertThat(stored.kept().location()).isNotNull();
        Object back = materializers.readBack(store, stored.digest(), stored.bytesDigest(), stored.mediaType(), type,
                Normalization.none(), scratch);
        assertThat(materializers.materialize(back).digest()).isEqualTo(stored.digest());
        return back;
    }

    enum Colour { RED, GREEN }

    @Test
    void scalarsReadBackAsTheirDeclaredTypes() throws Exception {
        assertThat(roundTrip(null, String.class)).isNull();
        assertThat(roundTrip(true, boolean.class)).isEqualTo(true);
        assertThat(roundTrip(Boolean.FALSE, Boolean.class)).isEqualTo(false);
        assertThat(roundTrip(Long.MIN_VALUE, long.class)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(Integer.MAX_VALUE, Integer.class)).isEqualTo(Integer.MAX_VALUE);
        assertThat(roundTrip(Short.MIN_VALUE, short.class)).isEqualTo(Short.MIN_VALUE);
        assertThat(roundTrip((byte) -128, Byte.class)).isEqualTo((byte) -128);
        assertThat(roundTrip('\u00e9', char.class)).isEqualTo('\u00e9');
        assertThat(roundTrip(new BigInteger("123456789012345678901234567890"), BigInteger.class))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(roundTrip(BigInteger.TEN, BigInteger.class)).isEqualTo(BigInteger.TEN);
        assertThat(roundTrip(new BigDecimal("1.50"), BigDecimal.class)).isEqualTo(new BigDecimal("1.50"));
        assertThat(roundTrip(Colour.GREEN, Colour.class)).isSameAs(Colour.GREEN);
        assertThat(roundTrip("text with a lone \ud800 surrogate", String.class))
                .isEqualTo("text with a lone \ud800 surrogate");
        assertThat(roundTrip("as a sequence", CharSequence.class)).isEqualTo("as a sequence");
    }

    @Test
    void floatingPointReadsBackBitForBit() throws Exception {
        assertThat(Double.doubleToRawLongBits((double) roundTrip(-0.0, double.class)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Float.floatToRawIntBits((float) roundTrip(-0.0f, Float.class)))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(roundTrip(Double.MIN_VALUE, Double.class)).isEqualTo(Double.MIN_VALUE);
        assertThat(roundTrip(Double.NEGATIVE_INFINITY, double.class)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(roundTrip(Float.MAX_VALUE, float.class)).isEqualTo(Float.MAX_VALUE);
        double payloadNaN = Double.longBitsToDouble(0x7ff8000000000123L);
        double[] back = (double[]) roundTrip(new double[] {payloadNaN, 1.0}, double[].class);
        assertThat(Double.doubleToRawLongBits(back[0])).as("the one NaN the writer stores")
                .isEqualTo(Double.doubleToRawLongBits(Double.NaN));
    }

    @Test
    void valueBasedJdkTypesReadBackThroughTheirParsers() throws Exception {
        List<Object> values = List.of(LocalDate.of(2024, 2, 29), Instant.ofEpochSecond(1, 5),
                ZonedDateTime.parse("2024-03-31T02:30+02:00[Europe/Paris]"), Duration.ofMillis(1500),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), URI.create("https://example.org/a?b"),
                Currency.getInstance("EUR"), Locale.forLanguageTag("de-CH"));
        for (Object value : values) {
            assertThat(roundTrip(value, value.getClass())).as(value.getClass().getName()).isEqualTo(value);
        }
    }

    @Test
    void arraysReadBackFromPackedAndListForms() throws Exception {
        assertThat((byte[]) roundTrip(new byte[] {1, -2, 3}, byte[].class)).containsExactly(1, -2, 3);
        assertThat((int[]) roundTrip(new int[] {Integer.MIN_VALUE, 0, 7}, int[].class))
                .containsExactly(Integer.MIN_VALUE, 0, 7);
        assertThat((long[]) roundTrip(new long[] {Long.MAX_VALUE}, long[].class)).containsExactly(Long.MAX_VALUE);
        assertThat((short[]) roundTrip(new short[] {-3, 4}, short[].class)).containsExactly((short) -3, (short) 4);
        assertThat((float[]) roundTrip(new float[] {1.5f, -0.0f}, float[].class)).containsExactly(1.5f, -0.0f);
        assertThat((boolean[]) roundTrip(new boolean[] {true, false}, boolean[].class)).containsExactly(true, false);
        assertThat((char[]) roundTrip(new char[] {'a', 'z'}, char[].class)).containsExactly('a', 'z');
        assertThat((Double[]) roundTrip(new Double[] {1.0, 2.0}, Double[].class)).containsExactly(1.0, 2.0);
        assertThat((String[]) roundTrip(new String[] {"a", null}, String[].class)).containsExactly("a", null);
    }

    @Test
    void anEmptyListAndAnEmptyArrayShareAFormAndEachReadsBackAsItsDeclaredType() throws Exception {
        Artifact list = MATERIALIZERS.materialize(List.of(), Normalization.none(), store);
        Artifact array = MATERIALIZERS.materialize(new double[0], Normalization.none(), store);
        assertThat(list.digest()).isEqualTo(array.digest());

        assertThat(roundTrip(new double[0], double[].class)).isInstanceOf(double[].class);
        assertThat(roundTrip(List.of(), new TypeOf<List<String>>() {}.type())).isEqualTo(new ArrayList<>());
        assertThat(roundTrip(Map.of(), new TypeOf<Map<String, Integer>>() {}.type())).isEqualTo(Map.of());
        assertThat(roundTrip(new String[0], String[].class)).isInstanceOf(String[].class);
    }

    @Test
    void collectionsReadBackAsTheirDeclaredClasses() throws Exception {
        assertThat(roundTrip(List.of("b", "a"), new TypeOf<List<String>>() {}.type()))
                .isInstanceOf(ArrayList.class).isEqualTo(List.of("b", "a"));
        assertThat(roundTrip(new LinkedList<>(List.of(3, 1)), new TypeOf<LinkedList<Integer>>() {}.type()))
                .isInstanceOf(LinkedList.class).isEqualTo(List.of(3, 1));
        assertThat(roundTrip(List.of(1.5, -0.0), new TypeOf<List<Double>>() {}.type())).isEqualTo(List.of(1.5, -0.0));
        assertThat(roundTrip(Set.of("x", "y"), new TypeOf<Set<String>>() {}.type())).isEqualTo(Set.of("x", "y"));
        assertThat(roundTrip(new HashSet<>(Set.of(5L, 6L)), new TypeOf<HashSet<Long>>() {}.type()))
                .isInstanceOf(HashSet.class).isEqualTo(Set.of(5L, 6L));
        assertThat(roundTrip(new TreeSet<>(Set.of("q", "p")), new TypeOf<TreeSet<String>>() {}.type()))
                .isInstanceOf(TreeSet.class).isEqualTo(Set.of("p", "q"));
        Map<String, Integer> map = new HashMap<>(Map.of("one", 1, "two", 2));
        assertThat(roundTrip(map, new TypeOf<Map<String, Integer>>() {}.type())).isInstanceOf(LinkedHashMap.class)
                .isEqualTo(map);
        assertThat(roundTrip(new TreeMap<>(map), new TypeOf<SortedMap<String, Integer>>() {}.type()))
                .isInstanceOf(TreeMap.class).isEqualTo(map);
        assertThat(roundTrip(Optional.of("here"), new TypeOf<Optional<String>>() {}.type())).isEqualTo(Optional.of("here"));
        assertThat(roundTrip(Optional.empty(), new TypeOf<Optional<String>>() {}.type())).isEqualTo(Optional.empty());
    }

    @Test
    void nestedGenericsReadBack() throws Exception {
        Map<String, List<double[]>> value = new TreeMap<>(Map.of("a", List.of(new double[] {1, 2}, new double[0]),
                "b", List.of()));
        @SuppressWarnings("unchecked")
        Map<String, List<double[]>> back = (Map<String, List<double[]>>) roundTrip(value,
                new TypeOf<Map<String, List<double[]>>>() {}.type());
        assertThat(back).containsOnlyKeys("a", "b");
        assertThat(back.get("a").get(0)).containsExactly(1, 2);
        assertThat(back.get("a").get(1)).isEmpty();
        assertThat(back.get("b")).isEmpty();
    }

    record Point(double x, double y) {}

    record Shape(String name, List<Point> points, Optional<Point> centre, Map<Colour, Point> marks) {}

    @Test
    void recordsNestedInRecordsReadBack() throws Exception {
        Shape shape = new Shape("triangle", List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1)),
                Optional.of(new Point(0.3, 0.3)), Map.of(Colour.RED, new Point(-1, -0.0)));
        assertThat(roundTrip(shape, Shape.class)).isEqualTo(shape);
    }

    static final class Account {
        private final String owner;
        private final long cents;
        private final List<String> tags;
        private transient int cached = 42;

        private Account() {
            this(null, 0, null);
        }

        Account(String owner, long cents, List<String> tags) {
            this.owner = owner;
            this.cents = cents;
            this.tags = tags;
        }
    }

    @Test
    void aClassWithPrivateFinalFieldsReadsBackByItsFields() throws Exception {
        Account back = (Account) roundTrip(new Account("ada", -12, List.of("x")), Account.class);
        assertThat(back.owner).isEqualTo("ada");
        assertThat(back.cents).isEqualTo(-12);
        assertThat(back.tags).containsExactly("x");
    }

    static class Base {
        int a;
    }

    static final class Derived extends Base {
        int b;
    }

    @Test
    void aSubclassNamedByItsStoredClassReadsBackAsThatSubclass() throws Exception {
        Derived derived = new Derived();
        derived.a = 1;
        derived.b = 2;
        assertThat(roundTrip(derived, Base.class)).isInstanceOfSatisfying(Derived.class, back -> {
            assertThat(back.a).isEqualTo(1);
            assertThat(back.b).isEqualTo(2);
        });
    }

    static final class Node {
        String name;
        @Nullable Node next;

        Node() {
            this("", null);
        }

        Node(String name, @Nullable Node next) {
            this.name = name;
            this.next = next;
        }
    }

    @Test
    void sharedReferencesReadBackAsOneObject() throws Exception {
        Node shared = new Node("shared", null);
        int[] array = {1, 2, 3};
        record Holder(List<Node> nodes, List<int[]> arrays) {}
        Holder back = (Holder) roundTrip(new Holder(List.of(shared, shared), List.of(array, array)), Holder.class);
        assertThat(back.nodes().get(0)).isSameAs(back.nodes().get(1));
        assertThat(back.arrays().get(0)).isSameAs(back.arrays().get(1)).containsExactly(1, 2, 3);
    }

    record Groups(Node first, Set<List<Node>> groups, Map<List<Node>, Node> byKey) {}

    @Test
    void referencesFromInsideSetElementsAndMapKeysResolveScopeByScope() throws Exception {
        Node shared = new Node("shared", new Node("tail", null));
        Node inner = new Node("inner", new Node("tail2", null));
        Groups groups = new Groups(shared, Set.of(List.of(shared, inner, inner), List.of(new Node("x", null))),
                Map.of(List.of(inner, shared), shared));

        Groups back = (Groups) roundTrip(groups, Groups.class);
        List<Node> withShared = back.groups().stream().filter(list -> list.size() == 3).findFirst().orElseThrow();
        assertThat(withShared.get(0)).as("referred to from inside a set element").isSameAs(back.first());
        assertThat(withShared.get(1)).as("shared within the element").isSameAs(withShared.get(2));
        Map.Entry<List<Node>, Node> entry = back.byKey().entrySet().iterator().next();
        // Members are written by name: byKey first. Its key's scope closed before the shared node was met again, so the
        // key holds a copy (as the format says); the map's value is in the record's scope, and first refers to it.
        assertThat(entry.getKey().get(1)).isNotSameAs(back.first());
        assertThat(entry.getKey().get(1).name).isEqualTo("shared");
        assertThat(entry.getValue()).isSameAs(back.first());
    }

    @Test
    void aCycleInAClassGraphReadsBackAsACycle() throws Exception {
        Node a = new Node("a", null);
        Node b = new Node("b", a);
        a.next = b;
        Node back = (Node) roundTrip(a, Node.class);
        assertThat(back.name).isEqualTo("a");
        assertThat(back.next.name).isEqualTo("b");
        assertThat(back.next.next).isSameAs(back);
    }

    record Loop(List<Loop> items) {}

    @Test
    void aCycleThroughARecordCannotBeMadeAgain() {
        List<Loop> items = new ArrayList<>();
        Loop loop = new Loop(items);
        items.add(loop);
        Artifact stored = MATERIALIZERS.materialize(loop, Normalization.none(), store);

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(), Loop.class,
                Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining(stored.digest())
                .hasMessageContaining("a cycle through a record or an array cannot be made again");
    }

    @Test
    void aMillionDoublesReadBack() throws Exception {
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5 - 7;
        }
        assertThat(Arrays.equals((double[]) roundTrip(values, double[].class), values)).isTrue();
    }

    @Test
    void aLongChainReadsBackWithoutOverflowingTheStack() throws Exception {
        Node head = null;
        for (int i = 100_000; i > 0; i--) {
            head = new Node("n" + i, head);
        }
        Node back = (Node) roundTrip(head, Node.class);
        int count = 0;
        for (Node node = back; node != null; node = node.next) {
            count++;
            assertThat(node.name).isEqualTo("n" + count);
        }
        assertThat(count).isEqualTo(100_000);
    }

    @Test
    void aFileOutputIsRestoredWithItsBytes() throws Exception {
        Path file = Files.writeString(temp.resolve("model.bin"), "weights");
        Path back = (Path) roundTrip(file, Path.class);
        assertThat(back).startsWith(scratch);
        assertThat(Files.readString(back)).isEqualTo("weights");
        File asFile = (File) roundTrip(file.toFile(), File.class);
        assertThat(Files.readString(asFile.toPath())).isEqualTo("weights");
    }

    @Test
    void aDirectoryOutputIsRestoredWithIdenticalFiles() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("out"));
        Files.writeString(directory.resolve("a.txt"), "alpha");
        Files.createDirectories(directory.resolve("sub/deeper"));
        Files.write(directory.resolve("sub/deeper/b.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.writeString(directory.resolve("sub/c.txt"), "alpha"); // the same content twice

        Path back = (Path) roundTrip(directory, Path.class);
        assertThat(back).startsWith(scratch).isDirectory();
        assertThat(PathContent.listing(back)).isEqualTo(PathContent.listing(directory));
        assertThat(Files.readAllBytes(back.resolve("sub/deeper/b.bin"))).containsExactly(0, 1, 2, 255);
    }

    @Test
    void aNullPathReadsBackAsNull() throws Exception {
        assertThat(roundTrip(null, Path.class)).isNull();
    }

    @Test
    void aMissingArtifactIsSaidSo() {
        Artifact stored = MATERIALIZERS.materialize(List.of("a"), Normalization.none());
        Type type = new TypeOf<List<String>>() {}.type();

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(), type,
                Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining(stored.digest())
                .hasMessageContaining("java.util.List<java.lang.String>")
                .hasMessageContaining("does not hold it");
    }

    @Test
    void aTruncatedArtifactFileIsSaidToBeDamaged() throws Exception {
        List<String> value = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            value.add("element " + i);
        }
        assertTruncatedFileIsCorrupted(value); // large enough to be kept compressed
        assertTruncatedFileIsCorrupted(List.of("a", "b")); // kept as it is
    }

    private void assertTruncatedFileIsCorrupted(List<String> value) throws Exception {
        Artifact stored = MATERIALIZERS.materialize(value, Normalization.none(), store);
        Path file = store.root().resolve(java.util.Objects.requireNonNull(stored.kept().location()));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(),
                new TypeOf<List<String>>() {}.type(), Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining(stored.digest())
                .hasMessageContaining("is corrupted");
    }

    @Test
    void aStoredFormThatDoesNotFitTheDeclaredTypeIsRefused() {
        Artifact stored = MATERIALIZERS.materialize(List.of(1, 2), Normalization.none(), store);

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(),
                new TypeOf<List<Double>>() {}.type(), Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining("java.util.List<java.lang.Double>")
                .hasMessageContaining("where a java.lang.Double is expected");
    }

    @Test
    void aValueThatMaterializesToAnotherDigestIsRefused() {
        Artifact stored = MATERIALIZERS.materialize(new StringBuilder("built"), Normalization.none(), store);

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(),
                CharSequence.class, Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining("materializes to")
                .hasMessageContaining("not to the digest it was stored under");
    }

    @Test
    void anIntegerOutOfTheDeclaredRangeIsRefused() {
        Artifact stored = MATERIALIZERS.materialize(List.of(1L << 40), Normalization.none(), store);

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(),
                new TypeOf<List<Integer>>() {}.type(), Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining("out of the range of java.lang.Integer");
    }
}
