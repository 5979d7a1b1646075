package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written atomically is like any other new file, but for never being seen half written. */
class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void aWrittenFileGetsThePermissionsOfAnyNewFileNotOwnerOnly() throws Exception {
        Path plain = Files.writeString(directory.resolve("plain.yaml"), "plain\n");
        Path written = directory.resolve("baselines/Churn.yaml");

        AtomicFiles.replace(written, "a: 1\n".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replace(written, "a: 2\n".getBytes(StandardCharsets.UTF_8)); // replacing too

        assertThat(Files.readString(written)).isEqualTo("a: 2\n");
        assertThat(Files.getPosixFilePermissions(written)).as("as the umask gives a file written plainly")
                .isEqualTo(Files.getPosixFilePermissions(plain));
        try (var left = Files.list(written.getParent())) {
            assertThat(left).as("no temporary file left").containsExactly(written);
        }
    }
}
