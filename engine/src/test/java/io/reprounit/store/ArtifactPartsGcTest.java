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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection keeps what a kept output needs besides its own file: a directory output's files, which only its
 * listing names, and a materializer's serialized form, kept under the output's exact-bytes digest; and removes them
 * with the output.
 */
@ParameterizedClass
@EnumSource(ArtifactStoreKind.class)
class ArtifactPartsGcTest {

    @Parameter
    ArtifactStoreKind kind;

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
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = kind.open(directory.resolve("artifacts"));
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

            check(store, artifacts, "Export", List.of(run(1, "c2", "other", "outputs")),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            store.keepLatestChecks("Export", 1);
            GarbageCollection removed = store.collectGarbage(artifacts, null, Duration.ZERO);

            assertThat(removed.artifactsRemoved()).containsAll(needed).contains(exported.digest(), model.digest());
            needed.forEach(digest -> assertThat(artifacts.read(digest)).as(digest).isEmpty());
        }
    }
}
