package io.reprounit.run;

import io.reprounit.api.Variation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What investigating a diverged step found, in words for its failure: which variation it differs under, and whether
 * replaying it alone on run 1's inputs gives one output (it only reacts to something outside its inputs) or several
 * (it is nondeterministic by itself).
 */
final class Findings {

    private Findings() {}

    /**
     * The replay finding, or empty where replay is off.
     *
     * @param problem why replaying stopped early, if it did
     * @param elsewhere where the replays ran when not in this JVM, for the message
     */
    static Optional<String> replay(String step, int times, List<StepExecution> replays, @Nullable String problem,
            Run control, @Nullable String elsewhere) {
        if (times == 0) {
            return Optional.empty();
        }
        if (problem != null || replays.isEmpty()) {
            return Optional.of("step '" + step + "' could not be replayed on run " + control.number() + "'s inputs: "
                    + (problem != null ? problem : "the run that should replay it did not get that far"));
        }
        long distinct = replays.stream().map(Culprits::result).distinct().count();
        String where = elsewhere == null ? "" : " " + elsewhere;
        if (distinct > 1) {
            return Optional.of("replayed " + replays.size() + " times alone on run " + control.number() + "'s inputs"
                    + where + ", it gave " + distinct + " distinct outputs (rate " + distinct + "/" + replays.size()
                    + "): the step is nondeterministic by itself");
        }
        return Optional.of("replayed " + replays.size() + " times alone on run " + control.number() + "'s inputs"
                + where + ", it gave the same output every time (rate 1/" + replays.size() + "): the step is"
                + " deterministic by itself and reacts to something outside its inputs");
    }

    /** What "outside its inputs" is likely to be when runs in one JVM differ but replays do not. */
    static String sameJvmCause(List<StepExecution> replays) {
        return replays.stream().map(Culprits::result).distinct().count() == 1
                ? " that changed between runs, such as a clock, a counter or state kept in a static field" : "";
    }

    /** ... when fresh JVMs differ with no variation but replays in one JVM do not. */
    static String acrossJvmsCause() {
        return " that changes from one JVM start to the next, such as Set.of/Map.of iteration order, identity hash codes"
                + " or an unseeded random";
    }

    /** Why a step differs under CPU contention alone: its threads race. */
    static String race() {
        return "the difference appeared only under CPU contention, so the step's threads race: on an idle machine one"
                + " of them happens to finish first; wait for results in a fixed order (join, invokeAll) rather than as"
                + " they come";
    }

    private static String name(Variation variation) {
        return variation.name().toLowerCase(Locale.ROOT);
    }
}
