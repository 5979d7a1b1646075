package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The writer as a {@link Materializer} sees it: the structure it checks, and values written through it. */
class CanonicalWriterTest {

    /** A value that a test materializer writes. */
    record Custom(String label) {}

    private static Materializers writing(Consumer<CanonicalWriter> write) {
        return Materializers.of(List.of(new Materializer() {
            @Override
            public boolean supports(Class<?> type) {
                return type == Custom.class;
            }

            @Override
            public void write(Object value, CanonicalWriter out) {
                write.accept(out);
            }
        }));
    }

    private static byte[] written(Consumer<CanonicalWriter> write) {
        return writing(write).canonicalBytes(new Custom("x"));
    }

    @Test
    void aMaterializerWritesTheSameBytesAsTheBuiltInEncodingOfTheSameData() {
        Materializers plain = Materializers.of(List.of());

        assertThat(written(out -> out.beginObject().field("a", List.of(1.5, 2.5)).name("b").map(Map.of("k", 1))
                .field("c", null).endObject()))
                .isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.OBJECT)
                        .name("a").tag(CanonicalFormat.F64S).varint(2).i64(Double.doubleToLongBits(1.5))
                        .i64(Double.doubleToLongBits(2.5))
                        .name("b").tag(CanonicalFormat.MAP).string("k").integer(1).end()
                        .name("c").tag(CanonicalFormat.NULL).end().bytes());
        assertThat(written(out -> out.unorderedArray(List.of("b", "a"))))
                .isEqualTo(plain.canonicalBytes(java.util.Set.of("a", "b")));
        assertThat(written(out -> out.beginArray().number(1L).number(2.0).number(2.0f).bool(true)
                .number(java.math.BigInteger.TEN).bytes(new byte[] {7}).endArray()))
                .isEqualTo(ExpectedBytes.of().tag(CanonicalFormat.ARRAY).integer(1).f64(2.0).tag(CanonicalFormat.F32)
                        .i32(Float.floatToIntBits(2.0f)).tag(CanonicalFormat.TRUE).integer(10)
                        .tag(CanonicalFormat.BYTES).varint(1).raw((byte) 7).end().bytes());
    }

    @Test
    void theStructureIsChecked() {
        assertThatThrownBy(() -> written(out -> out.name("a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("A name belongs inside an object");
        assertThatThrownBy(() -> written(out -> out.string("a").string("b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> written(out -> out.beginObject().string("a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a name before its value");
        assertThatThrownBy(() -> written(out -> out.beginObject().endArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unbalanced ]");
        assertThatThrownBy(() -> written(out -> out.beginArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("begun and not ended");
        assertThatThrownBy(() -> writing(out -> {}).canonicalBytes(List.of(new Custom("x"))))
                .isInstanceOf(MaterializationException.class).hasMessageContaining("wrote nothing")
                .hasMessageContaining("output[0]");
    }
}
