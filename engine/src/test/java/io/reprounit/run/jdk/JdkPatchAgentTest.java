package io.reprounit.run.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code directory_order}'s patch of {@code java.io.File} applied by an agent at start, so that its experiment keeps
 * class data sharing ({@code UnspecifiedOrderTest} runs such an experiment and shows that its listings are still
 * reversed).
 */
class JdkPatchAgentTest {

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
