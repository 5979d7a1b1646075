package io.reprounit.engine;

import io.reprounit.check.AgainstSetting;
import io.reprounit.compare.StepComparison;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step's result against a recorded check as report entries: {@value #KEY} for people ({@code check 12: changed;
 * differs: config param.epochs 10 → 12}), and for code its check id, verdict, and the parts that differ as a JSON array
 * of {@code {aspect, name, recorded, now, recordedDigest, nowDigest}} (null on the side where a part was added or
 * removed), so that {@code reproduce} and build tools need not parse the sentence.
 */
final class AgainstEntries {

    static final String KEY = AgainstSetting.KEY;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AgainstEntries() {}

    static Map<String, String> of(long check, StepComparison comparison) {
        Map<String, String> entries = new LinkedHashMap<>();
        String parts = comparison.parts().stream().map(change -> change.aspect().label() + " " + change.describe())
                .collect(Collectors.joining("; "));
        entries.put(KEY, "check " + check + ": " + comparison.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (parts.isEmpty() ? "" : "; differs: " + parts));
        entries.put(KEY + ".check", Long.toString(check));
        entries.put(KEY + ".verdict", comparison.verdict().name());
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (PartChange change : comparison.parts()) {
            ObjectNode part = array.addObject();
            part.put("aspect", change.aspect().label());
            part.put("name", change.name());
            part.put("recorded", value(change.before()));
            part.put("now", value(change.after()));
            part.put("recordedDigest", change.before() == null ? null : change.before().digest());
            part.put("nowDigest", change.after() == null ? null : change.after().digest());
        }
        entries.put(KEY + ".parts", JSON.writeValueAsString(array));
        return entries;
    }

    private static @Nullable String value(@Nullable FingerprintPart part) {
        return part == null ? null : part.value();
    }
}
