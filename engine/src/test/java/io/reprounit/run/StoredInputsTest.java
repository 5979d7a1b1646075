package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.storedinputs.CountedPrices;
import io.reprounit.run.fixtures.storedinputs.InstanceHandOff;
import io.reprounit.run.fixtures.storedinputs.LoadCounter;
import io.reprounit.run.fixtures.storedinputs.StaticHandOff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.Events;

/**
 * The runs that investigate a diverged step start from the inputs run 1 kept, read back from the artifact store, and
 * run the step alone; where those inputs are not all the step gets from upstream, they go through the steps upstream.
 * Each fixture counts how often its 'load' step ran, in any JVM.
 */
class StoredInputsTest {

    @TempDir
    Path directory;

    @Test
    void investigatingRunsStartFromTheKeptInputsAndRunTheCulpritAlone() throws IOException {
        Path loads = directory.resolve("loads.txt");

        String failure = failureOf(CountedPrices.class, loads);

        assertThat(failure).contains("step 'report' differs under locale=tr_TR");
        assertThat(Files.readAllLines(loads)).as("'load' ran in the check's two runs only").hasSize(2);
    }

    @Test
    void aPipelineWithInstanceFieldsIsInvestigatedThroughItsUpstreamSteps() throws IOException {
        Path loads = directory.resolve("loads.txt");

        String failure = failureOf(InstanceHandOff.class, loads);

        assertThat(failure).contains("step 'report' differs under locale=tr_TR");
        assertThat(Files.readAllLines(loads)).as("the investigating runs ran 'load' too").hasSizeGreaterThan(2);
    }

    @Test
    void aStepThatNeedsStaticStateFromUpstreamIsNotBlamedOnFreshJvms() throws IOException {
        Path loads = directory.resolve("loads.txt");

        String failure = failureOf(StaticHandOff.class, loads);

        assertThat(failure).contains("step 'report' differs under locale=tr_TR")
                .doesNotContain("differs between fresh JVMs");
        assertThat(Files.readAllLines(loads)).as("the search was redone through 'load'").hasSizeGreaterThan(3);
    }

    private static String failureOf(Class<?> pipeline, Path loads) {
        System.setProperty(LoadCounter.PROPERTY, loads.toString());
        try {
            Events events = Checks.forked().with("reprounit.vary", "time_zone,locale").with("reprounit.replay", "1")
                    .run(pipeline);
            return Checks.failure(events, "report").orElseThrow();
        } finally {
            System.clearProperty(LoadCounter.PROPERTY);
        }
    }
}
