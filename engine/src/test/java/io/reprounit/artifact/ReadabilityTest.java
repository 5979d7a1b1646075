package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which declared types can be read back, and the reason given at discovery for each that cannot. */
class ReadabilityTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    private static Optional<String> why(Type type) {
        return MATERIALIZERS.whyUnreadable(type, Normalization.none());
    }

    private static Type type(String field) throws NoSuchFieldException {
        return Fields.class.getDeclaredField(field).getGenericType();
    }

    abstract static class Shape {
        double area;
    }

    interface Scored {}

    static final class NoDefault {
        final int x;

        NoDefault(int x) {
            this.x = x;
        }
    }

    record WithPath(String name, Path file) {}

    record Plain(String name, List<Double> values) {}

    static final class Unsortable {}

    @SuppressWarnings({"unused", "rawtypes"})
    static final class Fields<T> {
        List rawList;
        List<?> wildcardList;
        T variable;
        Map<String, List<Object>> nestedObject;
        TreeSet<Unsortable> unsortable;
        Collection<String> collection;
        List<? extends Number> boundedWildcard;
    }

    @Test
    void typesThatSayWhatToReadBackAsAreReadable() throws Exception {
        assertThat(why(Plain.class)).isEmpty();
        assertThat(why(int[].class)).isEmpty();
        assertThat(why(Path.class)).isEmpty();
        assertThat(why(File.class)).isEmpty();
        assertThat(why(type("collection"))).isEmpty();
        assertThat(why(String.class)).isEmpty();
    }

    @Test
    void objectSaysNothingToReadBackAs() {
        assertThat(why(Object.class)).contains("its declared type java.lang.Object says nothing to read it back as");
    }

    @Test
    void rawAndWildcardAndVariableTypesAreUnreadable() throws Exception {
        assertThat(why(type("rawList"))).hasValueSatisfying(why -> assertThat(why).contains("names no element type"));
        assertThat(why(type("wildcardList"))).hasValueSatisfying(why -> assertThat(why).contains("wildcard"));
        assertThat(why(type("boundedWildcard"))).hasValueSatisfying(why -> assertThat(why).contains("wildcard"));
        assertThat(why(type("variable"))).hasValueSatisfying(why -> assertThat(why).contains("type variable"));
        assertThat(why(type("nestedObject"))).hasValueSatisfying(why -> assertThat(why)
                .contains("java.lang.Object says nothing"));
    }

    @Test
    void abstractClassesAndInterfacesThatNoMaterializerReadsAreUnreadable() {
        assertThat(why(Shape.class)).hasValueSatisfying(why -> assertThat(why).contains(Shape.class.getName())
                .contains("is abstract and no materializer reads it back"));
        assertThat(why(Scored.class)).hasValueSatisfying(why -> assertThat(why).contains("is abstract"));
        assertThat(why(Number.class)).hasValueSatisfying(why -> assertThat(why).contains("is abstract"));
    }

    @Test
    void aClassWithoutANoArgConstructorIsUnreadable() {
        assertThat(why(NoDefault.class)).hasValueSatisfying(why -> assertThat(why)
                .contains(NoDefault.class.getName() + " has no no-arg constructor"));
    }

    @Test
    void aNestedPathIsUnreadable() {
        assertThat(why(WithPath.class)).hasValueSatisfying(why -> assertThat(why).contains("component file")
                .contains("nested in an output is stored as its digest"));
    }

    @Test
    void aSortedSetOfElementsThatAreNotComparableIsUnreadable() throws Exception {
        assertThat(why(type("unsortable"))).hasValueSatisfying(why -> assertThat(why).contains("not Comparable"));
    }

    @Test
    void normalizersThatLoseInformationMakeStructuredOutputsUnreadable() {
        assertThat(MATERIALIZERS.whyUnreadable(Plain.class, Normalization.builder().ignoreFields(List.of("name"))
                .build())).contains("@IgnoreFields leaves parts out of what is stored");
        assertThat(MATERIALIZERS.whyUnreadable(Plain.class, Normalization.builder().ignoreTypes(List.of(Double.class))
                .build())).hasValueSatisfying(why -> assertThat(why).startsWith("@IgnoreTypes"));
        assertThat(MATERIALIZERS.whyUnreadable(Plain.class, Normalization.builder().unordered(List.of("values"))
                .build())).hasValueSatisfying(why -> assertThat(why).contains("order is not stored"));
        assertThat(MATERIALIZERS.whyUnreadable(Plain.class, Normalization.builder().significantDigits(3).build()))
                .hasValueSatisfying(why -> assertThat(why).startsWith("@SignificantDigits"));
    }

    @Test
    void aToleranceAloneKeepsOutputsReadable(@TempDir Path temp) throws Exception {
        Normalization tolerance = Normalization.builder().tolerance(4, 0).build();
        assertThat(MATERIALIZERS.whyUnreadable(Plain.class, tolerance)).isEmpty();

        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Plain value = new Plain("p", List.of(0.1, 0.2));
        Artifact stored = MATERIALIZERS.materialize(value, tolerance, store);
        assertThat(MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(), Plain.class, tolerance,
                Files.createDirectories(temp.resolve("scratch")))).isEqualTo(value);
    }

    @Test
    void readingBackAnUnreadableTypeSaysWhyBeforeReadingAnything(@TempDir Path temp) {
        ArtifactStore store = new ArtifactStore(temp);
        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, "sha256:" + "0".repeat(64), Artifact.CANONICAL,
                Object.class, Normalization.none(), temp))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessage("Cannot read artifact sha256:" + "0".repeat(64) + " back as java.lang.Object: its declared"
                        + " type java.lang.Object says nothing to read it back as");
    }
}
