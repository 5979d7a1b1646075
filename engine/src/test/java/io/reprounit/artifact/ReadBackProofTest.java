package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value read back is served without being materialized again only where the decoder proves it gives exactly the
 * bytes it was read from ({@link ValueDecoder#writtenAsRead()}): these forms must keep or lose that proof, and every
 * form that would materialize otherwise must still be refused by {@link Materializers#readBack}.
 */
class ReadBackProofTest {

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

    @Test
    void arraysOfDoublesWithNullSharedAndEmptyRowsAreProven() throws Exception {
        double[] shared = {1.5, Double.NaN, -0.0};
        double[][] rows = {shared, null, {}, shared, {Double.POSITIVE_INFINITY, 4}};

        Artifact stored = MATERIALIZERS.materialize(rows, Normalization.none(), store);
        ReadBack readBack = new ReadBack(new ReadPlans(MATERIALIZERS), store, stored.digest(), double[][].class);

        double[][] back = (double[][]) readBack.read(stored.digest(), stored.mediaType(), scratch);
        assertThat(readBack.writtenAsRead()).isTrue();
        assertThat(java.util.Arrays.deepEquals(back, rows)).as("bit for bit, NaN included").isTrue();
        assertThat(back[3]).isSameAs(back[0]);
        assertThat(Double.doubleToRawLongBits(back[0][2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void longsBytesAndDeeperArraysAreProven() throws Exception {
        assertThat(proven(new long[] {1, -2, Long.MAX_VALUE}, long[].class)).isTrue();
        assertThat(proven(new byte[][] {{1, 2}, {}, null}, byte[][].class)).isTrue();
        assertThat(proven(new double[][][] {{{1}, {}}, {}}, double[][][].class)).isTrue();
        assertThat(proven(null, double[][].class)).isTrue();
    }

    @Test
    void whatADeclaredTypeMayReadOtherwiseIsNotProven() throws Exception {
        assertThat(proven(List.of(1.0, 2.0), new ReadBackTest.TypeOf<List<Double>>() {}.type())).isFalse();
        assertThat(proven(new Double[] {1.0, 2.0}, Double[].class)).isFalse();
        assertThat(proven(new int[] {1, 2}, int[].class)).isFalse();
        assertThat(proven(new float[] {1, 2}, float[].class)).isFalse();
        assertThat(proven(new String[] {"a"}, String[].class)).isFalse();
        record Row(double[] values) {}
        assertThat(proven(new Row(new double[] {1}), Row.class)).isFalse();
    }

    @Test
    void aNonEmptyArrayOfScalarsReadAsADoubleArrayIsVerifiedAndRefused() {
        // The writer writes a non-empty double[] packed: as an ARRAY it materializes otherwise.
        assertRefused(form(out -> {
            out.write(CanonicalFormat.ARRAY);
            out.write(CanonicalFormat.F64);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(1.0).array());
            out.write(CanonicalFormat.END);
        }), double[].class);
    }

    @Test
    void aNaNOtherThanTheWritersIsVerifiedAndRefused() {
        assertRefused(form(out -> {
            out.write(CanonicalFormat.F64S);
            out.write(1);
            out.writeBytes(ByteBuffer.allocate(8).putLong(0x7ff0_0000_0000_0001L).array());
        }), double[].class);
    }

    @Test
    void emptyPackedFormsAndAnArrayForBytesAreVerifiedAndRefused() {
        assertRefused(form(out -> {
            out.write(CanonicalFormat.F64S);
            out.write(0);
        }), double[].class);
        assertRefused(form(out -> {
            out.write(CanonicalFormat.INTS);
            out.write(0);
        }), long[].class);
        assertRefused(form(out -> {
            out.write(CanonicalFormat.ARRAY);
            out.write(CanonicalFormat.END);
        }), byte[].class);
    }

    @Test
    void aFailedReadStillNamesWhatAReferencePointsTo() {
        record Loop(List<Loop> items) {}
        List<Loop> items = new ArrayList<>();
        Loop loop = new Loop(items);
        items.add(loop);
        Artifact stored = MATERIALIZERS.materialize(loop, Normalization.none(), store);

        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, stored.digest(), stored.mediaType(), Loop.class,
                Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining("it refers to output, which contains it");
    }

    private boolean proven(@Nullable Object value, Type type) throws Exception {
        Artifact stored = MATERIALIZERS.materialize(value, Normalization.none(), store);
        ReadBack readBack = new ReadBack(new ReadPlans(MATERIALIZERS), store, stored.digest(), type);
        readBack.read(stored.digest(), stored.mediaType(), scratch);
        return readBack.writtenAsRead();
    }

    /** Canonical bytes written by hand, kept in the store under their digest. */
    private String form(java.util.function.Consumer<ByteArrayOutputStream> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.accept(out);
        return MATERIALIZERS.materialize(out.toByteArray(), Normalization.none(), store).digest();
    }

    private void assertRefused(String digest, Class<?> type) {
        assertThatThrownBy(() -> MATERIALIZERS.readBack(store, digest, Artifact.CANONICAL, type, Normalization.none(),
                scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining("materializes to");
    }
}
