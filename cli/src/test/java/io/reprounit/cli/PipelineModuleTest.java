package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module of a checkout that holds a pipeline's source, found by its class name. */
class PipelineModuleTest {

    @TempDir
    Path checkout;

    @Test
    void theModuleIsTheDirectoryWhoseTestSourcesHoldTheClass() throws Exception {
        source("pipelines/iris/src/test/java/com/example/IrisPipeline.java");
        source("pipelines/other/src/test/java/com/example/OtherPipeline.java");

        Path module = PipelineModule.locate(checkout, "com.example.IrisPipeline$Nested");

        assertThat(module).isEqualTo(checkout.resolve("pipelines/iris"));
        assertThat(PipelineModule.relative(checkout, module)).isEqualTo("pipelines/iris");
    }

    @Test
    void theTopProjectItselfAndMainSourcesCount() throws Exception {
        source("src/main/java/IrisPipeline.java");
        source("target/copied/src/main/java/IrisPipeline.java"); // build output is not a module

        Path module = PipelineModule.locate(checkout, "IrisPipeline");

        assertThat(module).isEqualTo(checkout);
        assertThat(PipelineModule.relative(checkout, module)).isEqualTo(".");
    }

    @Test
    void noModuleOrSeveralAreRefused() throws Exception {
        assertThatThrownBy(() -> PipelineModule.locate(checkout, "com.example.IrisPipeline"))
                .isInstanceOf(ReproduceRefusal.class)
                .hasMessageContaining("No module of the checkout").hasMessageContaining("com/example/IrisPipeline.java");

        source("a/src/test/java/com/example/IrisPipeline.java");
        source("b/src/test/java/com/example/IrisPipeline.java");
        assertThatThrownBy(() -> PipelineModule.locate(checkout, "com.example.IrisPipeline"))
                .isInstanceOf(ReproduceRefusal.class)
                .hasMessageContaining("Several modules").hasMessageContaining("a, b");
    }

    private void source(String path) throws Exception {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class X {}\n");
    }
}
