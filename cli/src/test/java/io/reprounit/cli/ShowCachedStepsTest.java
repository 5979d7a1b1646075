package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show} marks the steps that the step cache served rather than ran, with the check that served them. */
class ShowCachedStepsTest {

    @TempDir
    Path directory;

    @Test
    void aServedStepSaysWhichCheckServedItInTextAndJson() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        long second;
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            RecordedRun ran = StoreFixtures.run(1, "c1", "rows", "model");
            long first = StoreFixtures.check(store, artifacts, "Training", List.of(ran),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            RecordedStep load = ran.steps().get(0);
            RecordedStep served = new RecordedStep(load.step(), load.status(), load.duration(), load.inputs(),
                    load.output(), load.problem(), load.fingerprint(), load.dataSnapshots(), first);
            RecordedRun cached = new RecordedRun(1, ran.started(), ran.finished(), ran.fingerprint(),
                    List.of(served, ran.steps().get(1)));
            second = StoreFixtures.check(store, artifacts, "Training", List.of(cached),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
        }

        Cli.Output text = Cli.run("show", second + ".1", "--store", url);
        Cli.Output json = Cli.run("show", second + ".1", "--json", "--store", url);

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).startsWith("step0").contains("CACHED (check 1)"))
                .anySatisfy(line -> assertThat(line).startsWith("step1").contains("SUCCEEDED"));
        assertThat(json.json().get("steps").get(0).get("cachedFrom").asLong()).isEqualTo(1);
        assertThat(json.json().get("steps").get(1).get("cachedFrom").isNull()).isTrue();
    }
}
