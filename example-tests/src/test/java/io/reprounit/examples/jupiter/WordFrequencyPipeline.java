package io.reprounit.examples.jupiter;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A small text pipeline: split a corpus into words, count them, keep the most frequent. Its name does not end in Test,
 * so the ReproUnit engine does not run it by itself: {@link WordFrequencyPipelineCheckTest} checks it from Jupiter.
 */
@ReproducibleRun
public class WordFrequencyPipeline {

    private static final String CORPUS = """
            The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs.
            A reproducible pipeline gives the same words, the same counts and the same ranking every time.
            """;

    @Step
    static List<String> tokenize() {
        // Locale.ROOT: lower-casing must not depend on the machine's default locale (think of Turkish dotless i).
        return Arrays.stream(CORPUS.toLowerCase(Locale.ROOT).split("[^a-z]+")).filter(word -> !word.isEmpty()).toList();
    }

    @Step
    static Map<String, Long> count(@Input("tokenize") List<String> words) {
        // A TreeMap, not a HashMap: the canonical form sorts maps anyway, but the ranking below relies on a fixed order.
        return words.stream().collect(Collectors.groupingBy(word -> word, TreeMap::new, Collectors.counting()));
    }

    @Step
    static List<String> topWords(@Input("count") Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(Map.Entry::getKey)
                .toList();
    }
}
