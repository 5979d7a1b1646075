package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.diverging.FirstDiverges;
import io.reprounit.engine.fixtures.failing.Exploding;
import io.reprounit.engine.fixtures.parallel.NoFile;
import io.reprounit.engine.fixtures.parallel.OwnFile;
import io.reprounit.engine.fixtures.parallel.SharedA;
import io.reprounit.engine.fixtures.parallel.SharedB;
import io.reprounit.engine.fixtures.parallel.Timeline;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * With {@link Constants#PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME}, pipelines are checked at the same time on the
 * platform's executor and report exactly what they report one at a time; pipelines given the same file take turns.
 */
class ParallelExecutionTest {

    private static final List<DiscoverySelector> PIPELINES = List.of(selectClass(SharedA.class),
            selectClass(SharedB.class), selectClass(OwnFile.class), selectClass(NoFile.class),
            selectClass(WordCount.class), selectClass(FirstDiverges.class), selectClass(Exploding.class));

    @TempDir
    Path data;

    private final Map<String, String> parameters = new HashMap<>();

    @BeforeEach
    void giveTheSharedPipelinesOneFile() throws IOException {
        Path shared = Files.writeString(data.resolve("shared.csv"), "a,b\n1,2\n");
        Path own = Files.writeString(data.resolve("own.csv"), "c\n3\n");
        parameters.put("reprounit.param.SharedA.read.data", shared.toString());
        parameters.put("reprounit.param.SharedB.read.data", shared.toString());
        parameters.put("reprounit.param.OwnFile.read.data", own.toString());
        Timeline.CALLS.clear();
    }

    @Test
    void pipelinesCheckedInParallelReportTheSameEventsAsOneAtATime() {
        EngineExecutionResults sequential = execute(parameters);
        EngineExecutionResults parallel = execute(inParallel());

        Map<String, List<String>> expected = EventTrace.perPipeline(sequential.allEvents());
        Map<String, List<String>> actual = EventTrace.perPipeline(parallel.allEvents());
        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach((pipeline, events) -> assertThat(actual.get(pipeline)).as(pipeline)
                .containsExactlyElementsOf(events));
        assertThat(parallel.containerEvents().failed().count()).isZero();
        assertThat(parallel.testEvents().failed().count()).isEqualTo(2); // FirstDiverges.stamp, Exploding's step
    }

    @Test
    void pipelinesGivenTheSameFileNeverOverlapWhileOthersDo() {
        execute(inParallel());

        Map<String, Timeline.Call> spans = Timeline.CALLS.stream().collect(Collectors.toMap(Timeline.Call::pipeline,
                call -> call, (a, b) -> new Timeline.Call(a.pipeline(), Math.min(a.start(), b.start()),
                        Math.max(a.end(), b.end()))));
        assertThat(spans).containsOnlyKeys("SharedA", "SharedB", "OwnFile", "NoFile");
        assertThat(overlap(spans.get("SharedA"), spans.get("SharedB"))).as("SharedA and SharedB overlap").isFalse();
        assertThat(overlap(spans.get("OwnFile"), spans.get("NoFile"))
                || overlap(spans.get("OwnFile"), spans.get("SharedA")) || overlap(spans.get("OwnFile"), spans.get("SharedB"))
                || overlap(spans.get("NoFile"), spans.get("SharedA")) || overlap(spans.get("NoFile"), spans.get("SharedB")))
                .as("independent pipelines ran at the same time: %s", spans).isTrue();
    }

    private Map<String, String> inParallel() {
        Map<String, String> parallel = new HashMap<>(parameters);
        parallel.put(Constants.PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME, "true");
        parallel.put(Constants.PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME, "fixed");
        parallel.put(Constants.PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME, "4");
        return parallel;
    }

    private static EngineExecutionResults execute(Map<String, String> parameters) {
        return ReproUnitKit.execute(parameters, PIPELINES.toArray(DiscoverySelector[]::new));
    }

    private static boolean overlap(Timeline.Call a, Timeline.Call b) {
        return a.start() < b.end() && b.start() < a.end();
    }
}
