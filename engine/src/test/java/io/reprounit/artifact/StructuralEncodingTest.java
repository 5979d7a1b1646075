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

/** Objects that no materializer claims, encoded by their fields: shared references, cycles, inheritance, maps. */
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
    void aSharedObjectIsWrittenOnceAndReferredToByWhereItWasFirstWritten() {
        Model model = new Model();
        Layer hidden = new Layer(0.5, -1.0);
        model.layers.add(hidden);
        model.output = hidden;
        model.vocabulary = Map.of();

        String text = MATERIALIZERS.canonicalText(model);

        assertThat(text).contains("\"output\": {\n    \"$ref\": \"output.layers[0]\"\n  }");
        assertThat(text.split("0.5", -1)).as("the weights appear once").hasSize(2);
    }

    @Test
    void aCycleRefersBackToItsStart() {
        Layer first = new Layer(1.0);
        Layer second = new Layer(2.0);
        first.next = second;
        second.next = first;

        String text = MATERIALIZERS.canonicalText(first);

        assertThat(text).contains("\"next\": {\n      \"$ref\": \"output\"\n    }");
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

        assertThat(MATERIALIZERS.canonicalText(one)).isEqualTo(MATERIALIZERS.canonicalText(other));
        assertThat(MATERIALIZERS.canonicalText(new HashSet<>(ordered))).isEqualTo(MATERIALIZERS.canonicalText(one));
    }

    @Test
    void inheritedFieldsCountAndAShadowedOneIsNamedByItsClass() {
        String text = MATERIALIZERS.canonicalText(new Derived());

        assertThat(text).contains("\"name\": \"derived\"", "\"Base.name\": \"base\"", "\"size\": 1",
                "\"$class\": \"" + Derived.class.getName() + "\"");
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
}
