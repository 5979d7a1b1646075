package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A pipeline's YAML configuration: {@code seed}, top-level {@code params} and per-step {@code steps.<step>} values. The
 * full text is kept, since a run records exactly what it was configured with, and so is the line of every key, since an
 * error about a key names where it is.
 */
public final class PipelineConfig {

    /** The seed of pipelines whose configuration sets none; any fixed value would do. */
    public static final long DEFAULT_SEED = 42L;

    /** Built on first use: a mapper loads hundreds of classes, which a pipeline without a configuration never needs. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = YAMLMapper.builder().build();
    }

    private final @Nullable String resource;
    private final String text;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private PipelineConfig(@Nullable String resource, String text, JsonNode root, Map<String, Integer> lines) {
        this.resource = resource;
        this.text = requireNonNull(text);
        this.root = requireNonNull(root);
        this.lines = Map.copyOf(lines);
    }

    static PipelineConfig none() {
        return new PipelineConfig(null, "", MissingNode.getInstance(), Map.of());
    }

    /**
     * The configuration of {@code pipelineClass}: the named classpath resource, or {@code <SimpleName>.yaml} beside the
     * class where it exists, or none.
     */
    static PipelineConfig load(Class<?> pipelineClass, String declared) {
        String resource = declared.isEmpty()
                ? pipelineClass.getName().replace('.', '/').replaceFirst("[^/]+$", "") + pipelineClass.getSimpleName() + ".yaml"
                : declared.replaceFirst("^/", "");
        ClassLoader loader = pipelineClass.getClassLoader() != null ? pipelineClass.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL url = loader.getResource(resource);
        if (url == null) {
            if (declared.isEmpty()) {
                return none();
            }
            throw new PipelineConfigException("The configuration " + declared + " named by @ReproducibleRun(config) of "
                    + pipelineClass.getName() + " is not on the classpath; put it under src/test/resources/" + resource);
        }
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineConfigException("Cannot read the configuration " + url + ": " + e.getMessage(), e);
        }
        return parse(resource, text);
    }

    static PipelineConfig parse(String resource, String text) {
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new PipelineConfigException(resource + (line > 0 ? ":" + line : "") + ": not valid YAML: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new PipelineConfig(resource, text, MissingNode.getInstance(), Map.of());
        }
        if (!root.isObject()) {
            throw new PipelineConfigException(resource + ":1: the configuration must be a mapping with seed, params and"
                    + " steps, not a " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new PipelineConfig(resource, text, root, YamlLines.of(text));
    }

    /** The file the configuration came from, or empty where the pipeline has none. */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** The configuration's full text, empty where there is none. */
    public String text() {
        return text;
    }

    public long seed() {
        JsonNode seed = root.path("seed");
        if (seed.isMissingNode() || seed.isNull()) {
            return DEFAULT_SEED;
        }
        if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
            throw new PipelineConfigException(where("seed") + "seed must be a whole number, not '" + seed.asString() + "'");
        }
        return seed.longValue();
    }

    /** The value a step's {@code @Param(key)} receives: {@code steps.<step>.<key>}, else {@code params.<key>}. */
    public Optional<ConfigValue> value(String step, String key) {
        JsonNode own = root.path("steps").path(step).path(key);
        if (!own.isMissingNode()) {
            String path = "steps." + step + "." + key;
            return Optional.of(new ConfigValue(path, own, line(path)));
        }
        JsonNode shared = root.path("params").path(key);
        if (!shared.isMissingNode()) {
            String path = "params." + key;
            return Optional.of(new ConfigValue(path, shared, line(path)));
        }
        return Optional.empty();
    }

    /** The names of the keys directly below the dotted path ({@code ""} for the top level), in file order. */
    java.util.List<String> keysUnder(String path) {
        JsonNode node = root;
        if (!path.isEmpty()) {
            for (String segment : path.split("\\.")) {
                node = node.path(segment);
            }
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> keys.add(entry.getKey()));
        }
        return keys;
    }

    /** A YAML value given outside the file, such as an override's {@code 12} or {@code [a, b]}. */
    static JsonNode parseValue(String yaml) {
        JsonNode node = Yaml.MAPPER.readTree(yaml);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The line of a key given by its dotted path, or -1. */
    public int line(String path) {
        return lines.getOrDefault(path, -1);
    }

    /** {@code file:line: } for messages about a key. */
    String where(String path) {
        if (resource == null) {
            return "";
        }
        int line = line(path);
        return resource + (line > 0 ? ":" + line : "") + ": ";
    }
}
