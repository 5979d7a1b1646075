package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Objects that no materializer claims, encoded by their fields: shared references and cycles as references by scope
 * and ordinal, inheritance, maps, and structures nested a million deep.
 */
class StructuralEncodingTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    static class Layer {
        double[] weights;
        Layer next;

        Layer(double... weights) {
            this.weights = weights;
        }
    }

    static class Model {
        List<Layer> layers = new ArrayList<>();
        Layer output;
        Map<String, Integer> vocabulary;
    }

    static class Base {
        int size = 1;
        String name = "base";
    }

    static final class Derived extends Base {
        @SuppressWarnings("unused")
        private final String name = "derived";
    }

    @Test
    void aSharedObjectIsWrittenOnceAndReferredToByTheOrdinalOfItsContainer() {
        Model model = new Model();
        Layer hidden = new Layer(0.5, -1.0);
        model.layers.add(hidden);
        model.output = hidden;
        model.vocabulary = Map.of();

        // Containers of the one scope, numbered as they begin: the model 0, its layers 1, the layer 2, its weights 3.
        assertThat(bytes(model)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT)
                .name("$class").string(Model.class.getName())
                .name("layers").tag(CanonicalFormat.ARRAY)
                .tag(CanonicalFormat.OBJECT).name("$class").string(Layer.class.getName())
                .name("next").tag(CanonicalFormat.NULL)
                .name("weights").tag(CanonicalFormat.F64S).varint(2).i64(Double.doubleToLongBits(0.5))
                .i64(Double.doubleToLongBits(-1.0))
                .end().end()
                .name("output").ref(0, 2)
                .name("vocabulary").tag(CanonicalFormat.MAP).end()
                .end().bytes());
    }

    @Test
    void aCycleRefersBackToItsStart() {
        Layer first = new Layer(1.0);
        Layer second = new Layer(2.0);
        first.next = second;
        second.next = first;

        assertThat(bytes(first)).isEqualTo(ExpectedBytes.of()
                .tag(CanonicalFormat.OBJECT).name("$class").string(Layer.class.getName())
                .name("next").tag(CanonicalFormat.OBJECT).name("$class").string(Layer.class.getName())
                .name("next").ref(0, 0)
                .name("weights").tag(CanonicalFormat.F64S).varint(1).i64(Double.doubleToLongBits(2.0)).end()
                .name("weights").tag(CanonicalFormat.F64S).varint(1).i64(Double.doubleToLongBits(1.0)).end().bytes());
    }

    @Test
    void aSetElementRefersOutwardsByHowManyScopesUp() {
        List<Object> list = new ArrayList<>();
        Set<Object> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.add(list);
        list.add(set);

        // The set's element opens a scope of its own: the list is container 0 one scope up.
        assertThat(bytes(list)).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).tag(CanonicalFormat.SET)
                .ref(1, 0).end().end().bytes());
    }

    @Test
    void anEqualCopyAndASharedInstanceOfAValueObjectEncodeAlike() {
        Base value = new Base();
        Base copy = new Base();

        assertThat(bytes(List.of(value, value))).isEqualTo(bytes(List.of(value, copy)));
        Layer layer = new Layer(1.0);
        assertThat(bytes(List.of(layer, layer))).as("an object that holds structures is referred to")
                .isNotEqualTo(bytes(List.of(layer, new Layer(1.0))));
    }

    @Test
    void aHashMapFieldEncodesTheSameWhateverItsInsertionOrder() {
        Model forwards = new Model();
        forwards.vocabulary = new LinkedHashMap<>();
        Model backwards = new Model();
        backwards.vocabulary = new HashMap<>(64);
        List<String> words = List.of("zeta", "alpha", "mu", "beta", "omega", "kappa");
        for (int i = 0; i < words.size(); i++) {
            forwards.vocabulary.put(words.get(i), i);
        }
        for (int i = words.size() - 1; i >= 0; i--) {
            backwards.vocabulary.put(words.get(i), i);
        }

        assertThat(MATERIALIZERS.materialize(forwards).digest()).isEqualTo(MATERIALIZERS.materialize(backwards).digest());
    }

    @Test
    void setElementsThatShareObjectsEncodeTheSameWhateverTheIterationOrder() {
        Layer shared = new Layer(3.0);
        Layer a = new Layer(1.0);
        a.next = shared;
        Layer b = new Layer(2.0);
        b.next = shared;
        List<Layer> ordered = List.of(a, b);

        Set<Layer> one = new java.util.LinkedHashSet<>(ordered);
        Set<Layer> other = new java.util.LinkedHashSet<>(List.of(b, a));

        assertThat(bytes(one)).isEqualTo(bytes(other)).isEqualTo(bytes(new HashSet<>(ordered)));
        byte[] sharedWeights = ExpectedBytes.of().tag(CanonicalFormat.F64S).varint(1).i64(Double.doubleToLongBits(3.0)).bytes();
        assertThat(occurrences(bytes(one), sharedWeights)).as("each element writes what it shares in full").isEqualTo(2);
    }

    @Test
    void inheritedFieldsCountAndAShadowedOneIsNamedByItsClass() {
        assertThat(bytes(new Derived())).isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT)
                .name("$class").string(Derived.class.getName()).name("Base.name").string("base")
                .name("name").string("derived").name("size").integer(1).end().bytes());
    }

    @Test
    void aLambdaIsAnErrorNamingWhereItSits() {
        Supplier<String> lambda = () -> "x";

        assertThatThrownBy(() -> MATERIALIZERS.materialize(List.of(lambda)))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining("output[0]").hasMessageContaining("lambda");
    }

    @Test
    void twoInstancesOfDifferentClassesWithTheSameFieldsDiffer() {
        class Circle {
            final double size = 1;
        }
        class Square {
            final double size = 1;
        }

        assertThat(MATERIALIZERS.materialize(new Circle()).digest())
                .isNotEqualTo(MATERIALIZERS.materialize(new Square()).digest());
    }

    /** A linked chain, as a user would write one. */
    static final class Node {
        int value;
        Node next;
    }

    private static Node chain(int length, int last) {
        Node head = null;
        for (int i = 0; i < length; i++) {
            Node node = new Node();
            node.value = i == 0 ? last : i;
            node.next = head;
            head = node;
        }
        return head;
    }

    @Test
    void aChainOfAMillionNodesIsEncodedWithoutRecursion() {
        Artifact chain = MATERIALIZERS.materialize(chain(1_000_000, 0));

        assertThat(chain.digest()).isEqualTo(MATERIALIZERS.materialize(chain(1_000_000, 0)).digest());
        assertThat(chain.digest()).as("the innermost node counts").isNotEqualTo(MATERIALIZERS.materialize(
                chain(1_000_000, 7)).digest());
        assertThat(chain.size()).isGreaterThan(50_000_000L);
    }

    @Test
    void aChainOfAHundredThousandNodesAndListsNestedAsDeepAreEncoded() {
        assertThat(MATERIALIZERS.materialize(chain(100_000, 0)).digest())
                .isNotEqualTo(MATERIALIZERS.materialize(chain(100_001, 0)).digest());
        List<Object> outer = new ArrayList<>();
        List<Object> inner = outer;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(Map.of("depth", i, "next", next));
            inner = next;
        }
        byte[] nested = bytes(outer);
        // Entries in the order of their keys, "depth" before "next": the innermost list is empty, then every map and
        // every list around it ends.
        byte[] ends = new byte[1 + 2 * 100_000];
        java.util.Arrays.fill(ends, CanonicalFormat.END);
        assertThat(nested).endsWith(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).raw(ends).bytes());
        assertThat(nested[0]).isEqualTo(CanonicalFormat.ARRAY);
    }

    @Test
    void aChainOfTwoIsTwoNestedObjects() {
        assertThat(bytes(chain(2, 5))).isEqualTo(ExpectedBytes.of()
                .tag(CanonicalFormat.OBJECT).name("$class").string(Node.class.getName())
                .name("next").tag(CanonicalFormat.OBJECT).name("$class").string(Node.class.getName())
                .name("next").tag(CanonicalFormat.NULL).name("value").integer(5).end()
                .name("value").integer(1).end().bytes());
    }

    /** A key without equals: two of them may hold the same state and sit in one map. */
    static final class Key {
        final String name;

        Key(String name) {
            this.name = name;
        }
    }

    @Test
    void keysThatEncodeAlikeAreOrderedByTheirValues() {
        Key one = new Key("k");
        Key other = new Key("k");
        Map<Key, String> forwards = new LinkedHashMap<>();
        forwards.put(one, "x");
        forwards.put(other, "y");
        Map<Key, String> backwards = new LinkedHashMap<>();
        backwards.put(other, "x");
        backwards.put(one, "y");

        assertThat(bytes(forwards)).isEqualTo(bytes(backwards));
    }

    @Test
    void anErrorInsideAMapValueNamesTheKey() {
        Supplier<String> lambda = () -> "x";

        assertThatThrownBy(() -> MATERIALIZERS.materialize(Map.of("rows", List.of(lambda))))
                .isInstanceOf(MaterializationException.class).hasMessageContaining("output.rows[0]");
    }

    private static byte[] bytes(Object value) {
        return MATERIALIZERS.canonicalBytes(value);
    }

    private static int occurrences(byte[] bytes, byte[] part) {
        int count = 0;
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                count++;
            }
        }
        return count;
    }
}
