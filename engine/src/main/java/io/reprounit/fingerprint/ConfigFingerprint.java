package io.reprounit.fingerprint;

import io.reprounit.pipeline.Secrets;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.Materializers;
import io.reprounit.pipeline.PipelineConfig;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The configuration parts. For a run: the configuration file by the digest of its text as recorded, and the overrides
 * given by system property. For a step: exactly the parameters it receives, one part each, and the pipeline's seed where the
 * step takes a {@code Random} — so that changing one parameter changes only the steps that take it; and the step's
 * normalizers, since what is left out of a comparison decides its verdict as much as any parameter. Secrets are
 * recorded as {@link Secrets} says, digests included: a digest of a password would let it be guessed.
 */
final class ConfigFingerprint {

    private ConfigFingerprint() {}

    static List<FingerprintPart> forRun(PipelineDefinition pipeline) {
        List<FingerprintPart> parts = new ArrayList<>();
        PipelineConfig config = pipeline.config();
        parts.add(FingerprintPart.ofContent(Aspect.CONFIG, "file", config.resource().orElse("(none)"),
                Digests.sha256(Secrets.redactConfig(config.text()))));
        List<String> overrides = new ArrayList<>();
        for (StepDefinition step : pipeline.steps()) {
            for (StepArgument argument : step.arguments()) {
                if (argument instanceof StepArgument.Configured configured && configured.source().override()) {
                    overrides.add(configured.source().path() + "="
                            + Secrets.recorded(configured.key(), configured.source().node()).toString());
                }
            }
        }
        if (!overrides.isEmpty()) {
            parts.add(FingerprintPart.of(Aspect.CONFIG, "overrides", String.join(", ", overrides)));
        }
        return parts;
    }

    static List<FingerprintPart> forStep(StepDefinition step, long pipelineSeed, Materializers materializers) {
        List<FingerprintPart> parts = new ArrayList<>();
        for (StepArgument argument : step.arguments()) {
            if (argument instanceof StepArgument.Configured configured) {
                String canonical = canonical(configured, materializers);
                String shown = canonical.indexOf('\n') < 0 ? canonical : canonical.replaceAll("\\n\\s*", " ");
                if (configured.source().override()) {
                    shown += " (from " + configured.source().path() + ")";
                }
                parts.add(new FingerprintPart(Aspect.CONFIG, "param." + configured.key(), shown,
                        Digests.sha256(canonical)));
            } else if (argument instanceof StepArgument.SeededRandom) {
                parts.add(FingerprintPart.of(Aspect.CONFIG, "seed", Long.toString(pipelineSeed)));
            }
        }
        if (!step.normalization().isNone()) {
            parts.add(FingerprintPart.of(Aspect.CONFIG, "normalizers", step.normalization().describe()));
        }
        return parts;
    }

    /**
     * The value's canonical text as {@link Secrets} lets it be recorded: the value the step receives where nothing in it
     * is secret, so that its part stays what it always was; otherwise the configured value with its secrets replaced.
     */
    private static String canonical(StepArgument.Configured configured, Materializers materializers) {
        if (Secrets.looksSecret(configured.key())) {
            return Secrets.SET;
        }
        JsonNode node = configured.source().node();
        JsonNode recorded = Secrets.recorded(configured.key(), node);
        if (recorded != node) {
            return materializers.canonicalText(plain(recorded));
        }
        Object value = configured.value();
        // A path is configuration by its name; its content is the data part's business.
        return materializers.canonicalText(value instanceof java.nio.file.Path || value instanceof java.io.File
                ? value.toString().replace(java.io.File.separatorChar, '/') : value);
    }

    /** A configuration node as the plain lists, maps, texts, numbers and booleans a materializer takes. */
    private static @Nullable Object plain(JsonNode node) {
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), plain(field.getValue())));
            return map;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asString();
    }
}
