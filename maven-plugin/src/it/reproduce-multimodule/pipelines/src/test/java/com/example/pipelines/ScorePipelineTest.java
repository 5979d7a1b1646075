package com.example.pipelines;

import com.example.scoring.Threshold;
import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads numbers from a data file that git does not keep, and scores them with the rule of the module scoring. */
@ReproducibleRun
class ScorePipelineTest {

    @Step
    static List<Integer> load(@Param("input") Path input) throws IOException {
        return Files.readAllLines(input).stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(Integer::valueOf).toList();
    }

    @Step
    static Map<String, Integer> score(@Input("load") List<Integer> values, @Param("threshold") int threshold) {
        Map<String, Integer> score = new TreeMap<>();
        score.put("above", (int) values.stream().filter(value -> Threshold.above(value, threshold)).count());
        score.put("sum", values.stream().mapToInt(Integer::intValue).sum());
        return score;
    }
}
