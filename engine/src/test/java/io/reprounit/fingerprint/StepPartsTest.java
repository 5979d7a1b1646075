package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.fixtures.Training;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration and data parts change when, and only when, what a step receives changes. */
class StepPartsTest {

    private final Materializers materializers = Materializers.of(List.of());

    @TempDir
    Path directory;

    @Test
    void changingAParameterChangesOnlyTheConfigPartOfTheStepThatTakesIt() throws IOException {
        Path data = write("rows.csv", "a\nb\n");
        Map<String, Fingerprint> before = stepFingerprints(Map.of("load.data", data.toString()));
        Map<String, Fingerprint> after = stepFingerprints(Map.of("load.data", data.toString(), "train.epochs", "12"));

        assertThat(changes(before, after)).containsOnlyKeys("train");
        assertThat(changes(before, after).get("train")).singleElement()
                .satisfies(change -> {
                    assertThat(change.aspect()).isEqualTo(Aspect.CONFIG);
                    assertThat(change.describe()).startsWith("param.epochs 10 → 12");
                });
    }

    @Test
    void changingTheSeedChangesOnlyStepsThatTakeARandom() throws IOException {
        Path data = write("rows.csv", "a\n");
        PipelineDefinition seven = read(Map.of("load.data", data.toString()));
        Fingerprinter fingerprinter = Fingerprinter.create(getClass().getClassLoader(), List.of(), materializers);

        assertThat(fingerprinter.forStep(seven, seven.step("noise").orElseThrow()).part(Aspect.CONFIG, "seed"))
                .hasValueSatisfying(part -> assertThat(part.value()).isEqualTo("7"));
        assertThat(fingerprinter.forStep(seven, seven.step("train").orElseThrow()).part(Aspect.CONFIG, "seed")).isEmpty();
    }

    @Test
    void changingADataFileChangesOnlyTheDataPartOfTheStepThatReadsIt() throws IOException {
        Path data = write("rows.csv", "a\nb\n");
        Map<String, Fingerprint> before = stepFingerprints(Map.of("load.data", data.toString()));
        Files.writeString(data, "a\nc\n");
        Map<String, Fingerprint> after = stepFingerprints(Map.of("load.data", data.toString()));

        assertThat(changes(before, after)).containsOnlyKeys("load");
        assertThat(changes(before, after).get("load")).singleElement().satisfies(change -> {
            assertThat(change.aspect()).isEqualTo(Aspect.DATA);
            assertThat(change.name()).isEqualTo(data.toString().replace('\\', '/'));
        });
    }

    @Test
    void aDirectoryDatasourceChangesWithAnyOfItsFilesButNotWithItsLocation() throws IOException {
        Path first = Files.createDirectories(directory.resolve("first"));
        Files.writeString(first.resolve("a.csv"), "1");
        Files.createDirectories(first.resolve("sub"));
        Files.writeString(first.resolve("sub/b.csv"), "2");
        String digest = dataPart(first).digest();
        assertThat(dataPart(first).value()).isEqualTo("directory of 2 files");

        Path copy = Files.createDirectories(directory.resolve("copy/sub"));
        Files.writeString(copy.getParent().resolve("a.csv"), "1");
        Files.writeString(copy.resolve("b.csv"), "2");
        assertThat(dataPart(copy.getParent()).digest()).isEqualTo(digest);

        Files.writeString(first.resolve("sub/b.csv"), "3");
        assertThat(dataPart(first).digest()).isNotEqualTo(digest);
    }

    @Test
    void aMissingDatasourceIsRecordedAsMissing() {
        assertThat(dataPart(directory.resolve("nothing-here.csv")).value()).isEqualTo("(missing)");
    }

    private FingerprintPart dataPart(Path source) {
        PipelineDefinition pipeline = read(Map.of("load.data", source.toString()));
        Fingerprinter fingerprinter = Fingerprinter.create(getClass().getClassLoader(), List.of(), materializers);
        return fingerprinter.forStep(pipeline, pipeline.step("load").orElseThrow()).parts(Aspect.DATA).get(0);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private Map<String, Fingerprint> stepFingerprints(Map<String, String> overrides) {
        PipelineDefinition pipeline = read(overrides);
        Fingerprinter fingerprinter = Fingerprinter.create(getClass().getClassLoader(), List.of(), materializers);
        Map<String, Fingerprint> fingerprints = new HashMap<>();
        pipeline.steps().forEach(step -> fingerprints.put(step.name(), fingerprinter.forStep(pipeline, step)));
        return fingerprints;
    }

    /** The changed parts of each step that has any. */
    private static Map<String, List<PartChange>> changes(Map<String, Fingerprint> before, Map<String, Fingerprint> after) {
        Map<String, List<PartChange>> changes = new HashMap<>();
        before.forEach((step, fingerprint) -> {
            List<PartChange> changed = after.get(step).changesSince(fingerprint);
            if (!changed.isEmpty()) {
                changes.put(step, changed);
            }
        });
        return changes;
    }

    private PipelineDefinition read(Map<String, String> overrides) {
        ParamOverrides fromMap = (pipeline, step, key) -> Optional.ofNullable(overrides.get(step + "." + key))
                .map(yaml -> new ParamOverrides.Override("reprounit.param." + pipeline + "." + step + "." + key, yaml));
        PipelineReading reading = new PipelineReader(2, materializers::whyUnsupported, fromMap).read(Training.class);
        assertThat(reading.problems()).isEmpty();
        return reading.pipeline().orElseThrow();
    }
}
