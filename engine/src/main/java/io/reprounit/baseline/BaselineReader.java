package io.reprounit.baseline;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.CanonicalFormat;
import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.pipeline.YamlDocument;
import io.reprounit.pipeline.YamlFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a baseline file strictly, since whatever it accepts becomes what a check is judged against: a file that is not
 * UTF-8, an alias, a repeated key or step, a key it does not know, a digest that is not one, a step the pipeline does
 * not have — each fails, naming the file and line, instead of giving a verdict that misleads.
 */
final class BaselineReader {

    private static final String ADVICE = ". Fix the file, or delete it and record it again.";

    private static final Set<String> TOP_LEVEL = Set.of("class", BaselineYaml.SCHEME_KEY, "pipeline", "run", "steps");
    private static final Set<String> ASPECTS = Arrays.stream(Aspect.values()).map(Aspect::label)
            .collect(Collectors.toUnmodifiableSet());
    /** A step's record: its output's digests, size and preview, and its parts by aspect. */
    private static final Set<String> STEP_KEYS = Stream.concat(Stream.of("output", "bytes", "size", "preview"),
            ASPECTS.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> PART_KEYS = Set.of("value", "digest");

    private final String file;
    private final YamlDocument document;

    private BaselineReader(String file, YamlDocument document) {
        this.file = requireNonNull(file);
        this.document = requireNonNull(document);
    }

    /**
     * @param steps the pipeline's step names, each record's step must be one; null to take any
     */
    static Baseline read(byte[] bytes, String file, @Nullable Collection<String> steps) {
        YamlDocument document;
        try {
            document = YamlDocument.read(file, bytes);
        } catch (YamlFormatException e) {
            throw new BaselineFormatException(e.getMessage() + ADVICE, e);
        }
        return new BaselineReader(file, document).baseline(steps);
    }

    private Baseline baseline(@Nullable Collection<String> known) {
        JsonNode root = document.root();
        if (!root.isObject()) {
            throw error("", "a baseline is a mapping with class, pipeline, run and steps");
        }
        requireKnownKeys(root, "", TOP_LEVEL);
        requireScheme(root);
        String pipeline = text(root, "", "pipeline");
        String pipelineClass = text(root, "", "class");
        JsonNode run = root.path("run");
        if (!run.isMissingNode() && !run.isObject()) {
            throw error("run", "run must be a mapping from aspect to the run's parts");
        }
        requireKnownKeys(run, "run", ASPECTS);
        Fingerprint runParts = parts(run, "run");
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isObject()) {
            throw error(stepsNode.isMissingNode() ? "" : "steps", "steps must be a mapping from step name to its record");
        }
        Map<String, StepRecord> steps = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : stepsNode.properties()) {
            String path = "steps." + entry.getKey();
            if (known != null && !known.contains(entry.getKey())) {
                throw error(path, "'" + entry.getKey() + "' is not a step of pipeline " + pipeline + ", whose steps are "
                        + String.join(", ", new LinkedHashSet<>(known)));
            }
            steps.put(entry.getKey(), step(entry.getValue(), path));
        }
        return new Baseline(pipeline, pipelineClass, runParts, steps);
    }

    private StepRecord step(JsonNode step, String path) {
        if (!step.isObject()) {
            throw error(path, "a step's record is a mapping with output, size and its parts");
        }
        requireKnownKeys(step, path, STEP_KEYS);
        String digest = text(step, path, "output");
        if (!Digests.isDigest(digest)) {
            throw error(path + ".output", "output must be a digest, " + Digests.PREFIX + " and 64 hex digits, not '"
                    + digest + "'");
        }
        String bytes = step.has("bytes") ? text(step, path, "bytes") : digest;
        if (!Digests.isDigest(bytes) && !bytes.equals(StepRecord.VARIES)) {
            throw error(path + ".bytes", "bytes must be a digest, " + Digests.PREFIX + " and 64 hex digits, or '"
                    + StepRecord.VARIES + "', not '" + bytes + "'");
        }
        JsonNode size = step.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw error(size.isMissingNode() ? path : path + ".size", "size must be a whole number of bytes, 0 or more");
        }
        JsonNode preview = step.path("preview");
        if (!preview.isMissingNode() && !preview.isNull() && !preview.isValueNode()) {
            throw error(path + ".preview", "preview must be text");
        }
        return new StepRecord(digest, bytes, size.longValue(),
                preview.isMissingNode() || preview.isNull() ? null : preview.asString(), parts(step, path));
    }

    private String text(JsonNode node, String parent, String key) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        JsonNode value = node.path(key);
        if (!value.isValueNode() || value.isNull()) {
            throw error(value.isMissingNode() ? parent : path, "'" + key + "' is missing or not a single value");
        }
        return value.asString();
    }

    /** The parts under the aspects' keys of {@code owner}. */
    private Fingerprint parts(JsonNode owner, String path) {
        List<FingerprintPart> parts = new ArrayList<>();
        for (Aspect aspect : Aspect.values()) {
            JsonNode node = owner.path(aspect.label());
            if (node.isMissingNode()) {
                continue;
            }
            String aspectPath = path + "." + aspect.label();
            if (!node.isObject()) {
                throw error(aspectPath, aspect.label() + " must be a mapping from part name to value");
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                parts.add(part(aspect, entry.getKey(), entry.getValue(), aspectPath + "." + entry.getKey()));
            }
        }
        return Fingerprint.of(parts);
    }

    private FingerprintPart part(Aspect aspect, String name, JsonNode node, String path) {
        if (node.isValueNode() && !node.isNull()) {
            return FingerprintPart.of(aspect, name, node.asString());
        }
        if (node.isObject() && node.path("value").isValueNode() && !node.path("value").isNull()
                && node.path("digest").isString() && !node.path("digest").asString().isBlank()) {
            requireKnownKeys(node, path, PART_KEYS);
            return new FingerprintPart(aspect, name, node.path("value").asString(), node.path("digest").asString());
        }
        throw error(path, "a part is a value, or a mapping with value and digest");
    }

    /** A key the format does not have is a typo or damage: ignored, it would leave out what it was meant to say. */
    private void requireKnownKeys(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            return;
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                String keyPath = path.isEmpty() ? key : path + "." + key;
                throw error(keyPath, "unknown key '" + key + "'; " + (path.isEmpty() ? "a baseline" : path)
                        + " has only " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /**
     * Digests of another scheme cannot be compared with today's, nor translated: they were taken over outputs that
     * are gone. The one thing to do is to record the baseline again, and the message says how.
     */
    private void requireScheme(JsonNode root) {
        JsonNode scheme = root.path(BaselineYaml.SCHEME_KEY);
        if (!scheme.isMissingNode() && !(scheme.isIntegralNumber() && scheme.canConvertToInt())) {
            throw error(BaselineYaml.SCHEME_KEY, BaselineYaml.SCHEME_KEY + " must be the number of a digest scheme,"
                    + " such as " + CanonicalFormat.SCHEME);
        }
        int found = scheme.isMissingNode() ? 1 : scheme.asInt();
        if (found == CanonicalFormat.SCHEME) {
            return;
        }
        int line = scheme.isMissingNode() ? 1 : document.line(BaselineYaml.SCHEME_KEY);
        String where = file + (line > 0 ? ":" + line : "") + ": ";
        throw new BaselineFormatException(found < CanonicalFormat.SCHEME
                ? where + "recorded with digest scheme " + found + ", but this ReproUnit digests outputs with scheme "
                        + CanonicalFormat.SCHEME + " (a binary canonical form), so its output digests cannot be"
                        + " compared. Record it again: run the pipeline with -Dreprounit.baseline.mode=update, review"
                        + " the diff (output digests and sizes change; parts should not) and commit it."
                : where + "recorded with digest scheme " + found + " by a newer ReproUnit; this one knows scheme "
                        + CanonicalFormat.SCHEME + ". Upgrade ReproUnit, or record the baseline again with"
                        + " -Dreprounit.baseline.mode=update.");
    }

    private BaselineFormatException error(String path, String message) {
        int line = path.isEmpty() ? 1 : document.line(path);
        return new BaselineFormatException(file + (line > 0 ? ":" + line : "") + ": " + message
                + (path.isEmpty() ? "" : " (at " + path + ")") + ADVICE);
    }
}
