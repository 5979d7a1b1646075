package io.reprounit.baseline;

import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What an update changed in a baseline, one line per step that changed, so that the user sees what they accepted. */
final class BaselineChanges {

    private static final int SHOWN_DIGEST = 12;
    /** Parts named per step at most: a dependency upgrade changes a hundred jar parts. */
    private static final int SHOWN_PARTS = 5;

    private BaselineChanges() {}

    /** @param order the pipeline's steps in the order they run, which a baseline file does not keep */
    static List<String> between(Baseline before, Baseline after, List<String> order) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> steps = new TreeSet<>(before.steps().keySet());
        steps.addAll(after.steps().keySet());
        // In the order the steps run, then any step the pipeline no longer has.
        List<String> ordered = new ArrayList<>(order.stream().filter(steps::contains).toList());
        steps.stream().filter(step -> !ordered.contains(step)).forEach(ordered::add);
        for (String step : ordered) {
            Optional<StepRecord> was = before.step(step);
            Optional<StepRecord> now = after.step(step);
            if (was.isEmpty()) {
                changes.add("step " + step + ": added");
            } else if (now.isEmpty()) {
                changes.add("step " + step + ": removed");
            } else {
                describe(step, was.get(), now.get()).ifPresent(changes::add);
            }
        }
        return changes;
    }

    private static Optional<String> describe(String step, StepRecord was, StepRecord now) {
        List<String> what = new ArrayList<>();
        if (!was.digest().equals(now.digest())) {
            what.add("output " + shortDigest(was.digest()) + " → " + shortDigest(now.digest()));
        }
        List<PartChange> parts = now.parts().changesSince(was.parts());
        if (!parts.isEmpty()) {
            String shown = parts.stream().limit(SHOWN_PARTS).map(PartChange::describe).collect(Collectors.joining(", "));
            what.add(parts.size() > SHOWN_PARTS ? shown + " and " + (parts.size() - SHOWN_PARTS) + " more" : shown);
        }
        return what.isEmpty() ? Optional.empty() : Optional.of("step " + step + ": " + String.join("; ", what));
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        return hex.length() > SHOWN_DIGEST ? hex.substring(0, SHOWN_DIGEST) : hex;
    }
}
