package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CanonicalWriter;
import io.reprounit.artifact.Materializer;
import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.Normalization;
import io.reprounit.compare.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage collection keeps what a kept output needs besides its own file: a directory output's files, which only its
 * listing names, and a materializer's serialized form, kept under the output's exact-bytes digest; and removes them
 * with the output.
 */
@ParameterizedClass
@MethodSource("stores")
class ArtifactPartsGcTest {

    /** Both metadata stores, each with both artifact stores. */
    static List<Arguments> stores() {
        return java.util.Arrays.stream(StoreKind.values()).flatMap(kind -> java.util.Arrays
                .stream(ArtifactStoreKind.values()).map(artifacts -> Arguments.of(kind, artifacts))).toList();
    }

    @Parameter(0)
    StoreKind kind;

    @Parameter(1)
    ArtifactStoreKind artifactKind;

    @TempDir
    Path directory;

    /** A model whose semantic form leaves its serialized bytes out, as Tribuo's does. */
    record Model(String weights) {}

    private static final Materializer MODELS = new Materializer() {
        @Override
        public boolean supports(Class<?> type) {
            return type == Model.class;
        }

        @Override
        public void write(Object value, CanonicalWriter out) {
            out.value(((Model) value).weights().length());
        }

        @Override
        public Optional<byte[]> serializedForm(Object value) {
            return Optional.of(("model:" + ((Model) value).weights()).getBytes(StandardCharsets.UTF_8));
        }
    };

    @Test
    void aDirectoryOutputsFilesAndASerializedFormStayWhileTheirOutputDoesAndGoWithIt() throws Exception {
        String url = kind.newUrl(directory, "metadata");
        ArtifactStore artifacts = artifactKind.open(directory.resolve("artifacts"));
        Materializers materializers = Materializers.of(List.of(MODELS));
        Path export = Files.createDirectories(directory.resolve("export"));
        Files.writeString(export.resolve("a.csv"), "1,2\n");
        Files.writeString(export.resolve("b.csv"), "3,4\n");
        Artifact exported = materializers.materialize(export, Normalization.none(), artifacts);
        Artifact model = materializers.materialize(new Model("0.5,0.25"), Normalization.none(), artifacts);
        List<String> needed = List.of(exported.parts().get(0), exported.parts().get(1), model.bytesDigest());
        assertThat(exported.parts()).hasSize(2);
        assertThat(model.parts()).containsExactly(model.bytesDigest());

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, artifacts, "Export", List.of(run(1, "c1", List.of(exported, model))),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            GarbageCollection kept = store.collectGarbage(artifacts, null, Duration.ZERO);

            assertThat(kept.artifactsRemoved()).isEmpty();
            needed.forEach(digest -> assertThat(artifacts.read(digest)).as(digest).isPresent());
            // what verify checks: each part, used where its output is
            assertThat(store.keptArtifacts(artifacts)).filteredOn(artifact -> needed.contains(artifact.digest()))
                    .hasSize(3).allSatisfy(artifact -> assertThat(artifact.uses()).singleElement()
                            .satisfies(use -> assertThat(use.step()).endsWith(" (part)")));

            check(store, artifacts, "Export", List.of(run(1, "c2", "other", "outputs")),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            store.keepLatestChecks("Export", 1);
            GarbageCollection removed = store.collectGarbage(artifacts, null, Duration.ZERO);

            assertThat(removed.artifactsRemoved()).containsAll(needed).contains(exported.digest(), model.digest());
            needed.forEach(digest -> assertThat(artifacts.read(digest)).as(digest).isEmpty());
        }
    }
}
