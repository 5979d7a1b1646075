package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Looks for secrets in every byte of every file under a directory: a SQLite file and its WAL, baselines, artifacts. */
final class SecretScan {

    private SecretScan() {}

    /** Asserts that no file under {@code directory} holds any of {@code secrets}; returns how many files were read. */
    static int assertNoneIn(Path directory, List<String> secrets) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String content;
            try {
                // ISO-8859-1 maps every byte to one char, so that a secret is found inside binary pages too.
                content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(content).as("the bytes of " + file).doesNotContain(secrets);
        }
        return files.size();
    }
}
