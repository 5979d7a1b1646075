package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.engine.fixtures.parallel.NoFile;
import io.reprounit.engine.fixtures.parallel.OwnFile;
import io.reprounit.engine.fixtures.parallel.SharedA;
import io.reprounit.engine.fixtures.parallel.SharedB;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;

/** Which pipelines take turns: those given one path, or paths one inside the other; each on its own baseline file. */
class SharedFilesTest {

    private static final Path BASELINES = Path.of("baselines");

    @Test
    void aFileInsideADirectoryAnotherPipelineIsGivenSharesThatDirectorysLock() {
        Path directory = Path.of("target", "shared-data").toAbsolutePath();
        List<PipelineDefinition> pipelines = List.of(read(SharedA.class, directory),
                read(SharedB.class, directory.resolve("rows.csv")),
                read(OwnFile.class, Path.of("target", "shared-data-2", "own.csv")));
        SharedFiles files = SharedFiles.of(pipelines, BASELINES);

        assertThat(dataKeys(files.of(pipelines.get(0)))).containsExactly(SharedFiles.DATA_KEY_PREFIX + directory);
        assertThat(dataKeys(files.of(pipelines.get(1)))).containsExactly(SharedFiles.DATA_KEY_PREFIX + directory);
        assertThat(dataKeys(files.of(pipelines.get(2)))).containsExactly(SharedFiles.DATA_KEY_PREFIX
                + Path.of("target", "shared-data-2", "own.csv").toAbsolutePath());
        assertThat(pipelines.stream().flatMap(p -> files.of(p).stream()))
                .allSatisfy(lock -> assertThat(lock.getLockMode()).isEqualTo(LockMode.READ_WRITE));
    }

    @Test
    void everyPipelineLocksItsOwnBaselineFileAndNothingElseWhenGivenNoFile() {
        PipelineDefinition noFile = reader(Map.of()).read(NoFile.class).pipeline().orElseThrow();

        assertThat(SharedFiles.of(List.of(noFile), BASELINES).of(noFile)).extracting(ExclusiveResource::getKey)
                .containsExactly(SharedFiles.BASELINE_KEY_PREFIX + BASELINES.toAbsolutePath().resolve("NoFile"));
    }

    private static PipelineDefinition read(Class<?> pipelineClass, Path data) {
        String key = Constants.PARAM_OVERRIDE_PREFIX + pipelineClass.getSimpleName() + ".read.data";
        return reader(Map.of(key, data.toString())).read(pipelineClass).pipeline().orElseThrow();
    }

    private static PipelineReader reader(Map<String, String> overrides) {
        return new PipelineReader(2, type -> Optional.empty(), ParamOverrides.of(Constants.PARAM_OVERRIDE_PREFIX,
                overrides));
    }

    private static Set<String> dataKeys(Set<ExclusiveResource> locks) {
        return locks.stream().map(ExclusiveResource::getKey).filter(key -> key.startsWith(SharedFiles.DATA_KEY_PREFIX))
                .collect(Collectors.toSet());
    }
}
