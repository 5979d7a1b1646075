package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CorruptedArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(ArtifactStoreKind.class)
class ArtifactStoreTest {

    @Parameter
    ArtifactStoreKind kind;

    @TempDir
    Path directory;

    @Test
    void anArtifactIsKeptOnceUnderItsDigestAndReadBackVerified() throws Exception {
        ArtifactStore store = kind.open(directory);
        Artifact artifact = StoreFixtures.text("weights 0.25 0.75");

        String location = store.put(artifact).orElseThrow();
        assertThat(store.put(artifact)).contains(location);

        String hex = artifact.digest().substring("sha256:".length());
        assertThat(location).isEqualTo("sha256/" + hex.substring(0, 2) + "/" + hex.substring(2));
        try (var files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(directory.resolve(location));
        }
        assertThat(store.read(artifact.digest())).hasValue(artifact.bytes());
    }

    @Test
    void aCorruptedArtifactIsDetectedWhenRead() throws Exception {
        ArtifactStore store = kind.open(directory);
        Artifact artifact = StoreFixtures.text("model");
        Path file = directory.resolve(store.put(artifact).orElseThrow());
        Files.writeString(file, "mode1");

        assertThatThrownBy(() -> store.read(artifact.digest())).isInstanceOf(CorruptedArtifactException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(artifact.digest())
                .hasMessageContaining("Delete the file");
    }

    @Test
    void aDamagedFileOfTheWrongSizeIsReplacedWhenTheSameOutputIsStoredAgain() throws Exception {
        ArtifactStore store = kind.open(directory);
        Artifact artifact = StoreFixtures.text("0123456789");
        Path file = directory.resolve(store.put(artifact).orElseThrow());
        Files.writeString(file, "01234");

        store.put(artifact);

        assertThat(store.read(artifact.digest())).hasValue(artifact.bytes());
    }

    @Test
    void removalSparesKeptAndYoungFiles() throws Exception {
        ArtifactStore store = kind.open(directory);
        Artifact kept = StoreFixtures.text("kept");
        Artifact orphan = StoreFixtures.text("orphan");
        store.put(kept);
        store.put(orphan);

        assertThat(store.removeAllExcept(Set.of(kept.digest()), Duration.ofHours(1))).isEmpty();
        assertThat(store.removeAllExcept(Set.of(kept.digest()), Duration.ZERO)).containsExactly(orphan.digest());
        assertThat(store.read(kept.digest())).isPresent();
        assertThat(store.read(orphan.digest())).isEmpty();
    }
}
