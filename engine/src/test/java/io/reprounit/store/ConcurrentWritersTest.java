package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several JVMs writing to one store at once, as Surefire forks do, or a team's machines to its PostgreSQL; and a JVM
 * killed in the middle of a run.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ConcurrentWritersTest {

    @Parameter
    StoreKind kind;

    private static final int PROCESSES = 4;
    private static final int CHECKS = 15;

    @TempDir
    Path directory;

    @Test
    void fourProcessesWritingAtOnceLoseNothing() throws Exception {
        String url = kind.newUrl(directory, "metadata");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(start(url, "Pipeline" + i, Integer.toString(CHECKS)));
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            List<CheckSummary> checks = store.checks(null, 1_000);
            assertThat(checks).hasSize(PROCESSES * CHECKS)
                    .allSatisfy(check -> assertThat(check.outcome()).isEqualTo("REPRODUCED"))
                    .allSatisfy(check -> assertThat(check.runs()).hasSize(2));
            for (int i = 0; i < PROCESSES; i++) {
                assertThat(store.history("Pipeline" + i, "step1", 1_000).entries())
                        .filteredOn(entry -> entry.event().equals("output changed")).hasSize(CHECKS - 1);
            }
            CheckSummary any = checks.get(0);
            assertThat(store.run(any.runs().get(1)).steps()).hasSize(2)
                    .allSatisfy(step -> assertThat(step.status()).isEqualTo("SUCCEEDED"));
        }
    }

    @Test
    void aRunWhoseProcessIsKilledStaysIncomplete() throws Exception {
        String url = kind.newUrl(directory, "metadata");
        Process process = start(url, "Killed", "halt");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        String check = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoredRun run = store.run(check + ".1");
            assertThat(run.status()).isEqualTo("INCOMPLETE");
            assertThat(run.steps()).isEmpty();
            assertThat(store.checks("Killed", 1)).singleElement()
                    .satisfies(summary -> assertThat(summary.outcome()).isEqualTo("INCOMPLETE"));
        }
    }

    private Process start(String url, String pipeline, String what) throws IOException {
        return StoreWriterProcess.start(url, directory.resolve("artifacts"), pipeline, what);
    }
}
