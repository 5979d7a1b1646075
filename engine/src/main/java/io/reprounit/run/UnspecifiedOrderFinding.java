package io.reprounit.run;

import io.reprounit.api.Variation;
import io.reprounit.run.jdk.ShuffledCalls;
import io.reprounit.run.jdk.ShuffledOrders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sentence that names what a step diverged on under {@code unspecified_order}: the kinds of JDK call with an
 * unspecified order that it made in the run that diverged, as {@link ShuffledCalls} recorded them.
 */
final class UnspecifiedOrderFinding {

    /** Each kind's name, as the forked run reports it, and what a sentence calls it. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ShuffledOrders.HASH_MAP, "HashMap"),
            Map.entry(ShuffledOrders.HASH_SET, "HashSet"),
            Map.entry(ShuffledOrders.CONCURRENT_HASH_MAP, "ConcurrentHashMap"),
            Map.entry(ShuffledOrders.DECLARED_FIELDS, "Class.getDeclaredFields"),
            Map.entry(ShuffledOrders.DECLARED_METHODS, "Class.getDeclaredMethods"),
            Map.entry(ShuffledOrders.DECLARED_CONSTRUCTORS, "Class.getDeclaredConstructors"),
            Map.entry(ShuffledOrders.FIELDS, "Class.getFields"),
            Map.entry(ShuffledOrders.METHODS, "Class.getMethods"),
            Map.entry(ShuffledOrders.CONSTRUCTORS, "Class.getConstructors"),
            Map.entry(ShuffledOrders.FILE_LIST, "java.io.File.list"),
            Map.entry(ShuffledOrders.FILE_LIST_FILES, "java.io.File.listFiles"),
            Map.entry(ShuffledOrders.DIRECTORY_STREAM, "Files.list/walk/newDirectoryStream"));

    private UnspecifiedOrderFinding() {}

    /**
     * The finding for a step that differs in {@code outcome}, a run with {@code variation} alone at its experiment
     * value, where that variation is {@code unspecified_order}.
     */
    static Optional<Finding> of(String step, Variation variation, ForkedRunner.Outcome outcome) {
        if (variation != Variation.UNSPECIFIED_ORDER) {
            return Optional.empty();
        }
        List<String> kinds = List.copyOf(outcome.shuffledCalls().getOrDefault(step, Set.of()));
        return Optional.of(new Finding(Finding.Kind.VARIATION, sentence(step, kinds)));
    }

    /** The name of each kind whose bit is set in {@code calls}, as {@link ShuffledCalls#take} gives them. */
    static List<String> kindNames(int calls) {
        List<String> kinds = new ArrayList<>();
        for (int bit = 0; bit < 31; bit++) {
            if ((calls & (1 << bit)) != 0) {
                kinds.add(NAMES.getOrDefault(1 << bit, "kind " + (1 << bit)));
            }
        }
        return kinds;
    }

    /**
     * "step 'columns' depends on the iteration order of a HashMap, which the JDK does not specify"; with several
     * kinds, each one the step used.
     *
     * @param kinds the names of {@link #kindNames}, in the order of their bits
     */
    static String sentence(String step, List<String> kinds) {
        if (kinds.isEmpty()) {
            return "step '" + step + "' depends on an order that the JDK does not specify, though not through a call"
                    + " that unspecified_order records (another thread's, or a library's own copy of a JDK class)";
        }
        List<String> phrases = kinds.stream().map(UnspecifiedOrderFinding::phrase).toList();
        String which = phrases.size() == 1 ? phrases.get(0)
                : String.join(", ", phrases.subList(0, phrases.size() - 1)) + " or " + phrases.get(phrases.size() - 1);
        return "step '" + step + "' depends on " + which + ", which the JDK does not specify";
    }

    private static String phrase(String kind) {
        return switch (kind) {
            case "HashMap", "HashSet", "ConcurrentHashMap" -> "the iteration order of a " + kind;
            case "Files.list/walk/newDirectoryStream" -> "the order of a directory listing (" + kind + ")";
            default -> "the order of " + kind + "()";
        };
    }
}
