package io.reprounit.fingerprint;

import io.reprounit.artifact.Digests;
import io.reprounit.artifact.Materializers;
import io.reprounit.pipeline.PipelineConfig;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration parts. For a run: the configuration file by the digest of its full text, and the overrides given
 * by system property. For a step: exactly the parameters it receives, one part each, and the pipeline's seed where the
 * step takes a {@code Random} — so that changing one parameter changes only the steps that take it; and the step's
 * normalizers, since what is left out of a comparison decides its verdict as much as any parameter.
 */
final class ConfigFingerprint {

    private ConfigFingerprint() {}

    static List<FingerprintPart> forRun(PipelineDefinition pipeline) {
        List<FingerprintPart> parts = new ArrayList<>();
        PipelineConfig config = pipeline.config();
        parts.add(FingerprintPart.ofContent(Aspect.CONFIG, "file", config.resource().orElse("(none)"),
                Digests.sha256(config.text())));
        List<String> overrides = new ArrayList<>();
        for (StepDefinition step : pipeline.steps()) {
            for (StepArgument argument : step.arguments()) {
                if (argument instanceof StepArgument.Configured configured && configured.source().override()) {
                    overrides.add(configured.source().path() + "=" + configured.source().node().toString());
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
                Object value = configured.value();
                // A path is configuration by its name; its content is the data part's business.
                String canonical = materializers.canonicalText(value instanceof java.nio.file.Path || value instanceof java.io.File
                        ? value.toString().replace(java.io.File.separatorChar, '/') : value);
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
}
