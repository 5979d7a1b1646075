package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code output} prints or saves a step's stored output: a structured value as text, text as is, bytes to a file. */
class OutputCommandTest {

    private static final Materializers MATERIALIZERS = Materializers.of(List.of());

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;
    long check;
    Artifact table;
    Artifact bytes;

    @BeforeEach
    void recordARunWithATextAStructuredAndABinaryOutput() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
        table = MATERIALIZERS.materialize(Map.of("rows", List.of(List.of("setosa", 5.1), List.of("virginica", 6.3))));
        bytes = MATERIALIZERS.materialize(new byte[] {0, 1, 2, (byte) 0xff});
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            check = StoreFixtures.check(store, artifacts, "IrisPipeline", List.of(StoreFixtures.run(1, "c1",
                    List.of(StoreFixtures.text("line one\n\tline two\u001b[31m"), table, bytes))),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED, Verdict.REPRODUCED));
        }
    }

    @Test
    void printsTextAsItIsWithWhatWouldSteerTheTerminalEscaped() {
        Cli.Output output = Cli.run("output", check + ".1", "step0", "--store", url);

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.lines()).containsExactly("line one", "\tline two\\e[31m");
    }

    @Test
    void printsAStructuredValueAsTheTextThatFailureMessagesQuote() {
        Cli.Output output = Cli.run("output", String.valueOf(check), "step1", "--store", url);

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.out()).contains("setosa").contains("5.1").contains("virginica").contains("6.3");
        assertThat(output.out()).isEqualToIgnoringNewLines(io.reprounit.artifact.CanonicalText.render(table.bytes()));
    }

    @Test
    void savesAnOutputWholeToAFile() throws Exception {
        Path saved = directory.resolve("out/step2.bin");

        Cli.Output output = Cli.run("output", check + ".1", "step2", "-o", saved.toString(), "--store", url);

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.out()).startsWith("Saved output of step step2 in run " + check + ".1 (" + bytes.digest())
                .contains("4 bytes");
        assertThat(Files.readAllBytes(saved)).containsExactly(0, 1, 2, 0xff);

        Path text = directory.resolve("step1.txt");
        assertThat(Cli.run("output", check + ".1", "step1", "-o", text.toString(), "--store", url).status()).isZero();
        assertThat(Files.readString(text, StandardCharsets.UTF_8)).contains("virginica");
        try (var files = Files.list(directory.resolve("out"))) {
            assertThat(files).as("no partial file left").containsExactly(saved);
        }
    }

    @Test
    void bytesGoOnlyToAFileAndMistakesSayWhatToDo() {
        Cli.Output binary = Cli.run("output", check + ".1", "step2", "--store", url);
        assertThat(binary.status()).isEqualTo(1);
        assertThat(binary.err()).contains("application/octet-stream, 4 bytes").contains("save it with -o <file>");

        Cli.Output unknown = Cli.run("output", check + ".1", "trian", "--store", url);
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("reprounit: Run " + check + ".1 has no step 'trian'; its steps: step0,"
                + " step1, step2.");
    }

    @Test
    void aMissingArtifactFileIsNamedWithWhatToDo() throws Exception {
        Files.delete(artifacts.root().resolve(ArtifactStore.location(table.digest())));

        Cli.Output output = Cli.run("output", check + ".1", "step1", "--store", url);

        assertThat(output.status()).isEqualTo(1);
        assertThat(output.err()).contains("is missing from the artifact store").contains("reprounit verify");
    }
}
