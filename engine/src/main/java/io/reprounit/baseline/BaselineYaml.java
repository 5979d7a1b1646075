package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.CanonicalFormat;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
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
@API(status = INTERNAL, since = "0.1")
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
        return read(text.getBytes(StandardCharsets.UTF_8), file);
    }

    /**
     * Reads a baseline file's bytes, which must be UTF-8.
     *
     * @throws BaselineFormatException naming the file and line of what is wrong with it
     */
    public static Baseline read(byte[] bytes, String file) {
        return BaselineReader.read(bytes, file, null);
    }

    /** Reads the baseline of a pipeline whose steps are {@code steps}: a record of any other step is an error. */
    public static Baseline read(byte[] bytes, String file, Collection<String> steps) {
        return BaselineReader.read(bytes, file, steps);
    }
}
