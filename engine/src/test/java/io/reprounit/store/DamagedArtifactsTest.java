package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.store.fixtures.Tally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The next check that produces an output whose stored file was damaged says so and writes the file again. */
class DamagedArtifactsTest {

    @TempDir
    Path directory;

    @Test
    void theNextCheckReplacesADamagedArtifactAndSaysSo() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        check(url);
        StoredStep words;
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            words = store.run(store.checks("Tally", 1).get(0).runs().get(0)).step("words").orElseThrow();
        }
        Path file = directory.resolve("artifacts").resolve(words.keptAt());
        byte[] bytes = Files.readAllBytes(file);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 2] ^= 1;
        Files.write(file, flipped);

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            check(url);
        } finally {
            System.setErr(err);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(new ArtifactStore(directory.resolve("artifacts")).condition(words.output()).isIntact()).isTrue();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("artifact file " + file + " was damaged")
                .contains(words.output());
    }

    private static void check(String url) {
        EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", "none",
                "reprounit.store.url", url)).selectors(selectClass(Tally.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1).aborted(1));
    }
}
