package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.diverging.FirstDiverges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The whole rendering of each differing output of a diverged step is written to the step's output directory and
 * published as a file entry; steps that pass or are only tainted publish none.
 */
class EvidenceFilesTest {

    @TempDir
    Path outputs;

    @Test
    void aDivergedStepPublishesEachOfItsDifferingOutputsAsAFile() throws IOException {
        EngineExecutionResults results = ReproUnitKit.engine().outputDirectoryCreator(creator())
                .selectors(selectClass(FirstDiverges.class)).execute();

        List<Event> files = results.allEvents().fileEntryPublished().list();
        assertThat(files).allSatisfy(event -> assertThat(event.getTestDescriptor().getUniqueId())
                .isEqualTo(ReproUnitKit.stepId(FirstDiverges.class, "stamp")));
        assertThat(files).hasSize(2);
        for (Event event : files) {
            FileEntry entry = event.getRequiredPayload(FileEntry.class);
            assertThat(entry.getPath()).startsWith(outputs).isRegularFile();
            assertThat(entry.getPath().getFileName().toString()).matches("stamp\\.run-\\d\\.txt");
            assertThat(entry.getMediaType()).contains(StepEvidence.MEDIA_TYPE);
            assertThat(Files.readString(entry.getPath())).startsWith("stamp-");
        }
        assertThat(files.get(0).getRequiredPayload(FileEntry.class).getPath())
                .isNotEqualTo(files.get(1).getRequiredPayload(FileEntry.class).getPath());
    }

    private OutputDirectoryCreator creator() {
        return new OutputDirectoryCreator() {
            @Override
            public Path getRootDirectory() {
                return outputs;
            }

            @Override
            public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                return Files.createDirectories(outputs.resolve(Integer.toHexString(descriptor.getUniqueId().hashCode())));
            }
        };
    }
}
