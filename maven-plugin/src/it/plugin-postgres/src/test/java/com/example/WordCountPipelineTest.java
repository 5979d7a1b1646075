package com.example;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small deterministic pipeline whose history the plugin's goals read back. */
@ReproducibleRun
class WordCountPipelineTest {

    @Step
    static List<String> load() {
        return Arrays.asList("the quick brown fox jumps over the lazy dog the end".split(" "));
    }

    @Step
    static Map<String, Integer> countWords(@Input("load") List<String> words) {
        Map<String, Integer> counts = new TreeMap<>();
        words.forEach(word -> counts.merge(word, 1, Integer::sum));
        return counts;
    }
}
