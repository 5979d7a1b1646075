package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Feature extractors found by reflection and applied in the order of {@code getDeclaredMethods()}. */
@ReproducibleRun
@Case(kind = "unspecified order", culprit = "features", blamed = "unspecified_order", checks = "unspecified_order")
public class UnspecifiedDeclaredMethods {

    /** Each public static method is one feature of a word. */
    public static final class Extractors {
        public static int length(String word) {
            return word.length();
        }

        public static int vowels(String word) {
            return word.replaceAll("[^aeiou]", "").length();
        }

        public static int first(String word) {
            return word.charAt(0);
        }

        public static int last(String word) {
            return word.charAt(word.length() - 1);
        }

        public static int upper(String word) {
            return word.replaceAll("[^A-Z]", "").length();
        }
    }

    @Step
    static String word() {
        return "Reproducible";
    }

    @Step
    static List<String> features(@Input("word") String word) throws ReflectiveOperationException {
        List<String> features = new ArrayList<>();
        for (Method method : Extractors.class.getDeclaredMethods()) {
            if (!method.isSynthetic()) {
                features.add(method.getName() + "=" + method.invoke(null, word));
            }
        }
        return features;
    }

    @Step
    static String vector(@Input("features") List<String> features) {
        return String.join(",", features);
    }
}
