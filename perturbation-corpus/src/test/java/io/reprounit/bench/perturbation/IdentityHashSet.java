package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tokens de-duplicated in a {@code HashSet}, with no {@code hashCode()}: the set iterates in identity-hash order. */
@ReproducibleRun
@Case(kind = "identity hash", culprit = "vocabulary", blamed = "identity_hash", checks = "all")
public class IdentityHashSet {

    /** A token without equals and hashCode, as written by someone who never meant to put it in a hash set. */
    static final class Token {
        final String text;

        Token(String text) {
            this.text = text;
        }
    }

    @Step
    static List<String> words() {
        return List.of("the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "runs", "far", "away");
    }

    @Step
    static List<String> vocabulary(@Input("words") List<String> words) {
        Set<Token> tokens = new HashSet<>();
        for (String word : words) {
            tokens.add(new Token(word));
        }
        List<String> order = new ArrayList<>();
        for (Token token : tokens) {
            order.add(token.text);
        }
        return order;
    }

    @Step
    static String first(@Input("vocabulary") List<String> vocabulary) {
        return vocabulary.get(0);
    }
}
