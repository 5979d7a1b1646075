package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.startup.CompilerFlags;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;

/** What every forked JVM of a check starts with: its class path and its start-up options. */
class ForkSetupTest {

    /** Under working_directory a forked run starts elsewhere: a relative entry would name nothing there. */
    @Test
    void relativeClassPathEntriesAreResolvedAgainstThisJvmsDirectory() {
        Path here = Path.of("/work/project").toAbsolutePath();

        List<String> entries = ForkSetup.absolute(List.of("target/classes", "lib" + File.separator + "*",
                here.resolve("deps/a.jar").toString(), "*"), here);

        assertThat(entries).containsExactly(here.resolve("target/classes").toString(),
                here.resolve("lib") + File.separator + "*", here.resolve("deps/a.jar").toString(),
                here + File.separator + "*");
    }

    @Test
    void theControlAndTheExperimentStartWithC2DelayedAndNotWithC1Alone() {
        Events forked = Checks.forked().with("reprounit.vary", "locale").run(CompilerFlags.class);
        Events sameJvm = Checks.sameJvm().run(CompilerFlags.class);

        assertThat(Checks.failure(forked, "compiler")).isEmpty();
        assertThat(Checks.step(forked, "compiler").getStatus()).isEqualTo(Status.SUCCESSFUL);
        assertThat(Checks.failure(sameJvm, "compiler")).hasValueSatisfying(message -> assertThat(message)
                .contains("started with the compiler options"));
    }
}
