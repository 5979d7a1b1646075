package io.reprounit.baseline;

import io.reprounit.artifact.CanonicalFormat;
import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.pipeline.YamlLines;
import java.util.ArrayList;
import java.util.List;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Baselines as YAML, written deterministically — keys sorted, the same quoting and line breaks every time — so that a
 * review diff shows only what changed. A part whose digest is of its value is written as the value alone; one whose
 * digest covers more (a jar, a data file, bytecode) as {@code {value, digest}}. A step's {@code bytes}, the digest of its
 * output's exact bytes, stands right after its {@code output} and only where it differs from it, so that the baselines
 * of steps without normalizers read and write as they did before there were two digests; where it is missing, it is
 * the output digest.
 */
public final class BaselineYaml {

    private static final String HEADER = "# ReproUnit baseline: the recorded result of a pipeline. Review changes to it like code;\n"
            + "# rewrite it with -Dreprounit.baseline.mode=update.\n";

    /** The digest scheme the file's digests were taken by; a file without it is of scheme 1. */
    static final String SCHEME_KEY = "digests";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    private BaselineYaml() {}

    public static String write(Baseline baseline) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("class", baseline.pipelineClass());
        root.put(SCHEME_KEY, CanonicalFormat.SCHEME);
        root.put("pipeline", baseline.pipeline());
        root.set("run", parts(baseline.runParts()));
        ObjectNode steps = root.putObject("steps");
        baseline.steps().forEach((name, record) -> steps.set(name, step(record)));
        return HEADER + YAML.writeValueAsString(root);
    }

    /** One step's record as it stands in a baseline file, for showing two of them side by side. */
    public static String write(String stepName, StepRecord record) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(stepName, step(record));
        return YAML.writeValueAsString(root);
    }

    private static ObjectNode step(StepRecord record) {
        TreeMap<String, JsonNode> members = new TreeMap<>();
        parts(record.parts()).properties().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        members.put("output", JsonNodeFactory.instance.stringNode(record.digest()));
        members.put("size", JsonNodeFactory.instance.numberNode(record.size()));
        if (record.preview() != null) {
            members.put("preview", JsonNodeFactory.instance.stringNode(record.preview()));
        }
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        members.forEach((key, value) -> {
            sorted.set(key, value);
            if (key.equals("output") && !record.bytesDigest().equals(record.digest())) {
                sorted.put("bytes", record.bytesDigest());
            }
        });
        return sorted;
    }

    private static ObjectNode parts(Fingerprint fingerprint) {
        ObjectNode byAspect = JsonNodeFactory.instance.objectNode();
        for (Aspect aspect : sortedAspects()) {
            List<FingerprintPart> parts = fingerprint.parts(aspect);
            if (parts.isEmpty()) {
                continue;
            }
            ObjectNode node = byAspect.putObject(aspect.label());
            for (FingerprintPart part : parts) {
                if (part.digestIsOfValue()) {
                    node.put(part.name(), part.value());
                } else {
                    node.putObject(part.name()).put("digest", part.digest()).put("value", part.value());
                }
            }
        }
        return byAspect;
    }

    private static List<Aspect> sortedAspects() {
        List<Aspect> aspects = new ArrayList<>(List.of(Aspect.values()));
        aspects.sort((a, b) -> a.label().compareTo(b.label()));
        return aspects;
    }

    /** Reads a baseline; {@code file} names it in error messages. */
    public static Baseline read(String text, String file) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new BaselineFormatException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: "
                    + e.getOriginalMessage() + ". Fix the file or delete it and record it again.", e);
        }
        Map<String, Integer> lines = YamlLines.of(text);
        Reader reader = new Reader(file, lines);
        if (root == null || !root.isObject()) {
            throw reader.error("", "a baseline is a mapping with class, pipeline, run and steps");
        }
        reader.requireScheme(root);
        String pipeline = reader.text(root, "pipeline");
        String pipelineClass = reader.text(root, "class");
        Fingerprint runParts = reader.parts(root.path("run"), "run");
        Map<String, StepRecord> steps = new TreeMap<>();
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isObject()) {
            throw reader.error("steps", "steps must be a mapping from step name to its record");
        }
        for (Map.Entry<String, JsonNode> entry : stepsNode.properties()) {
            String path = "steps." + entry.getKey();
            JsonNode step = entry.getValue();
            if (!step.isObject()) {
                throw reader.error(path, "a step's record is a mapping with output, size and its parts");
            }
            String digest = reader.text(step, path, "output");
            if (!digest.startsWith(Digests.PREFIX)) {
                throw reader.error(path + ".output", "output must be a digest such as sha256:…, not '" + digest + "'");
            }
            String bytes = step.has("bytes") ? reader.text(step, path, "bytes") : digest;
            if (!bytes.startsWith(Digests.PREFIX) && !bytes.equals(StepRecord.VARIES)) {
                throw reader.error(path + ".bytes", "bytes must be a digest such as sha256:… or '" + StepRecord.VARIES
                        + "', not '" + bytes + "'");
            }
            JsonNode size = step.path("size");
            if (!size.isIntegralNumber()) {
                throw reader.error(path + ".size", "size must be a whole number of bytes");
            }
            JsonNode preview = step.path("preview");
            steps.put(entry.getKey(), new StepRecord(digest, bytes, size.longValue(),
                    preview.isMissingNode() || preview.isNull() ? null : preview.asString(), reader.parts(step, path)));
        }
        return new Baseline(pipeline, pipelineClass, runParts, steps);
    }

    /** Reads with a file name and line numbers at hand, for errors that say where. */
    private record Reader(String file, Map<String, Integer> lines) {

        String text(JsonNode node, String key) {
            return text(node, "", key);
        }

        String text(JsonNode node, String parent, String key) {
            String path = parent.isEmpty() ? key : parent + "." + key;
            JsonNode value = node.path(key);
            if (!value.isValueNode() || value.isNull()) {
                throw error(value.isMissingNode() ? parent : path, "'" + key + "' is missing or not a single value");
            }
            return value.asString();
        }

        Fingerprint parts(JsonNode owner, String path) {
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
            if (node.isObject() && node.path("value").isValueNode() && node.path("digest").isString()) {
                return new FingerprintPart(aspect, name, node.path("value").asString(), node.path("digest").asString());
            }
            throw error(path, "a part is a value, or a mapping with value and digest");
        }

        /**
         * Digests of another scheme cannot be compared with today's, nor translated: they were taken over outputs that
         * are gone. The one thing to do is to record the baseline again, and the message says how.
         */
        void requireScheme(JsonNode root) {
            JsonNode scheme = root.path(SCHEME_KEY);
            if (!scheme.isMissingNode() && !scheme.canConvertToInt()) {
                throw error(SCHEME_KEY, SCHEME_KEY + " must be the number of a digest scheme, such as "
                        + CanonicalFormat.SCHEME);
            }
            int found = scheme.isMissingNode() ? 1 : scheme.asInt();
            if (found == CanonicalFormat.SCHEME) {
                return;
            }
            Integer line = scheme.isMissingNode() ? Integer.valueOf(1) : lines.get(SCHEME_KEY);
            String where = file + (line != null ? ":" + line : "") + ": ";
            throw new BaselineFormatException(found < CanonicalFormat.SCHEME
                    ? where + "recorded with digest scheme " + found + ", but this ReproUnit digests outputs with scheme "
                            + CanonicalFormat.SCHEME + " (a binary canonical form), so its output digests cannot be"
                            + " compared. Record it again: run the pipeline with -Dreprounit.baseline.mode=update, review"
                            + " the diff (output digests and sizes change; parts should not) and commit it."
                    : where + "recorded with digest scheme " + found + " by a newer ReproUnit; this one knows scheme "
                            + CanonicalFormat.SCHEME + ". Upgrade ReproUnit, or record the baseline again with"
                            + " -Dreprounit.baseline.mode=update.");
        }

        BaselineFormatException error(String path, String message) {
            Integer line = path.isEmpty() ? Integer.valueOf(1) : lines.get(path);
            return new BaselineFormatException(file + (line != null ? ":" + line : "") + ": " + message
                    + (path.isEmpty() ? "" : " (at " + path + ")") + ". Fix the file, or delete it and record it again.");
        }
    }

}
