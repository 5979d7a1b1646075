package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A vocabulary in {@code Set.of} iteration order, which is salted anew at each JVM start. */
@ReproducibleRun
@Case(kind = "fresh JVM", culprit = "vocabulary", blamed = Case.FRESH_JVM, checks = "")
public class FreshJvmSetOf {

    @Step
    static List<String> words() {
        return List.of("ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay", "kiwi", "lark", "mole",
                "newt", "owl", "pig", "quail", "rat", "seal", "toad", "urchin", "vole", "wasp", "yak", "zebra");
    }

    @Step
    static List<String> vocabulary(@Input("words") List<String> words) {
        return new ArrayList<>(Set.copyOf(words));
    }

    @Step
    static String first(@Input("vocabulary") List<String> vocabulary) {
        return vocabulary.get(0);
    }
}
