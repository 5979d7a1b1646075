package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show} of a real project's run: the steps first, and the hundred class-path jars as one counted line. */
class ShowPartsTest {

    @TempDir
    Path directory;

    String url;
    long check;

    @BeforeEach
    void recordARunWithAHundredJars() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        RecordedRun run = StoreFixtures.run(1, "c1", "load", "train");
        List<FingerprintPart> parts = new ArrayList<>(run.fingerprint().parts());
        IntStream.range(0, 100).forEach(i -> parts.add(FingerprintPart.ofContent(Aspect.CODE,
                "jar:com.example:lib" + i, "com.example:lib" + i + ":1.0", "sha256:" + "%064x".formatted(i))));
        RecordedRun withJars = new RecordedRun(1, run.started(), run.finished(), Fingerprint.of(parts), run.steps());
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            check = StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "IrisPipeline",
                    List.of(withJars), StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
        }
    }

    @Test
    void theJarsAreCountedUnlessPartsAreAskedFor() {
        Cli.Output show = Cli.run("show", check + ".1", "--store", url);

        assertThat(show.status()).as(show.err()).isZero();
        List<String> lines = show.lines();
        assertThat(lines.get(2)).startsWith("STEP ");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("code +jar:\\* .*")
                .contains("100 jars on the class path (--parts lists them)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("git.commit"));
        assertThat(show.out()).doesNotContain("jar:com.example:lib");
        assertThat(lines.size()).isLessThan(20);

        Cli.Output all = Cli.run("show", check + ".1", "--parts", "--store", url);
        assertThat(all.out()).contains("jar:com.example:lib0 ").contains("jar:com.example:lib99 ")
                .doesNotContain("jar:*");
        assertThat(Cli.run("show", check + ".1", "--json", "--store", url).json().get("parts")).hasSize(103);
    }
}
