package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.run.fixtures.directoryorder.SharedClassesUnderDirectoryOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code directory_order}'s patch of {@code java.io.File} applied by an agent at start, so that its experiment keeps
 * class data sharing ({@code UnspecifiedOrderTest} shows that its listings are still reversed).
 */
class JdkPatchAgentTest {

    @Test
    void aDirectoryOrderExperimentSharesClassesAsItsControlDoes() {
        Events events = Checks.forked().with("reprounit.vary", "directory_order").run(SharedClassesUnderDirectoryOrder.class);

        assertThat(Checks.failure(events, "sharing")).isEmpty();
        assertThat(Checks.step(events, "sharing").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void theAgentsJarNamesItsClassAndMayRedefineClasses(@TempDir Path temporary) throws IOException {
        try (JarFile jar = new JarFile(JdkPatch.agent(temporary).toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(JdkPatchAgent.class.getName());
            assertThat(jar.getManifest().getMainAttributes().getValue("Can-Redefine-Classes")).isEqualTo("true");
            assertThat(jar.stream().filter(entry -> entry.getName().endsWith(".class"))).isEmpty();
        }
    }

    /** A hash map's entries were placed by the hash it would change: salting it after start would lose them. */
    @Test
    void theAgentRefusesAPatchThatSaltsHashMaps(@TempDir Path temporary) {
        Path salting = new JdkPatch(42, ShuffledOrders.FILES_SHUFFLED).jar(temporary);

        assertThatThrownBy(() -> JdkPatchAgent.premain(salting.toString(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java/util/HashMap")
                .hasMessageContaining("only --patch-module may patch");
    }
}
