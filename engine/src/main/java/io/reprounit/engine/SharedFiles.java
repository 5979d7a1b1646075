package io.reprounit.engine;

import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;

/**
 * The files that pipelines checked in parallel must take turns on, as {@link ExclusiveResource}s: each data source a
 * step is given (a {@code Path} or {@code File} parameter, which it may read or write, such as an export to
 * {@code target/features.csv}), and each pipeline's baseline file. A data source inside another pipeline's
 * (a file in a directory it is given) shares that one's lock, so that nested sources exclude each other too. Every lock
 * is read-write: whether a step reads or writes a path is not known.
 */
final class SharedFiles {

    static final String DATA_KEY_PREFIX = "io.reprounit.data:";
    static final String BASELINE_KEY_PREFIX = "io.reprounit.baseline:";

    private final Map<PipelineDefinition, Set<ExclusiveResource>> resources;

    private SharedFiles(Map<PipelineDefinition, Set<ExclusiveResource>> resources) {
        this.resources = resources;
    }

    static SharedFiles of(Collection<PipelineDefinition> pipelines, Path baselineDirectory) {
        Set<Path> all = new TreeSet<>();
        pipelines.forEach(pipeline -> all.addAll(dataSources(pipeline)));
        Path baselines = baselineDirectory.toAbsolutePath().normalize();
        return new SharedFiles(pipelines.stream().distinct().collect(Collectors.toMap(pipeline -> pipeline, pipeline -> {
            Set<ExclusiveResource> locks = new LinkedHashSet<>();
            for (Path source : dataSources(pipeline)) {
                locks.add(new ExclusiveResource(DATA_KEY_PREFIX + outermost(source, all), LockMode.READ_WRITE));
            }
            locks.add(new ExclusiveResource(BASELINE_KEY_PREFIX + baselines.resolve(pipeline.name()),
                    LockMode.READ_WRITE));
            return Set.copyOf(locks);
        })));
    }

    Set<ExclusiveResource> of(PipelineDefinition pipeline) {
        return resources.getOrDefault(pipeline, Set.of());
    }

    /** Every path any step of the pipeline is given, absolute, against the working directory as the steps see it. */
    private static List<Path> dataSources(PipelineDefinition pipeline) {
        return pipeline.steps().stream().map(StepDefinition::dataSources).flatMap(List::stream)
                .map(path -> path.toAbsolutePath().normalize()).distinct().toList();
    }

    /** The outermost of {@code all} that holds {@code source}, itself included. */
    private static Path outermost(Path source, Set<Path> all) {
        for (Path candidate : all) { // sorted: an ancestor comes before what it holds
            if (source.startsWith(candidate)) {
                return candidate;
            }
        }
        return source;
    }
}
