package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A pipeline's YAML configuration: {@code seed}, top-level {@code params} and per-step {@code steps.<step>} values. The
 * full text is kept, since a run records exactly what it was configured with, and so is the line of every key, since an
 * error about a key names where it is.
 */
@API(status = INTERNAL, since = "0.1")
public final class PipelineConfig {

    /** The seed of pipelines whose configuration sets none; any fixed value would do. */
    public static final long DEFAULT_SEED = 42L;

    private final @Nullable String resource;
    private final String text;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final boolean readable;

    private PipelineConfig(@Nullable String resource, String text, JsonNode root, Map<String, Integer> lines,
            boolean readable) {
        this.resource = resource;
        this.text = requireNonNull(text);
        this.root = requireNonNull(root);
        this.lines = Map.copyOf(lines);
        this.readable = readable;
    }

    private PipelineConfig(@Nullable String resource, String text, JsonNode root, Map<String, Integer> lines) {
        this(resource, text, root, lines, true);
    }

    static PipelineConfig none() {
        return new PipelineConfig(null, "", MissingNode.getInstance(), Map.of());
    }

    /** Stands for a configuration whose file could not be read: it has no values, and no one should say so again. */
    static PipelineConfig unreadable() {
        return new PipelineConfig(null, "", MissingNode.getInstance(), Map.of(), false);
    }

    /** False where the file could not be read, whose error already explains every value it lacks. */
    boolean isReadable() {
        return readable;
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
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new PipelineConfigException("Cannot read the configuration " + url + ": " + e.getMessage(), e);
        }
        try {
            return of(resource, YamlDocument.read(resource, bytes));
        } catch (YamlFormatException e) {
            throw new PipelineConfigException(String.valueOf(e.getMessage()), e);
        }
    }

    /** The configuration in {@code document}, once its shape is known to be seed, params and steps. */
    static PipelineConfig of(String resource, YamlDocument document) {
        JsonNode root = document.root();
        if (root.isMissingNode() || root.isNull()) {
            return new PipelineConfig(resource, document.text(), MissingNode.getInstance(), Map.of());
        }
        if (!root.isObject()) {
            throw new PipelineConfigException(resource + ":1: the configuration must be a mapping with seed, params and"
                    + " steps, not " + shown(root));
        }
        PipelineConfig config = new PipelineConfig(resource, document.text(), root, document.lines());
        config.requireMapping("params", root.path("params"));
        JsonNode steps = root.path("steps");
        config.requireMapping("steps", steps);
        if (steps.isObject()) {
            steps.properties().forEach(step -> config.requireMapping("steps." + step.getKey(), step.getValue()));
        }
        return config;
    }

    /** A value that must hold keys: anything else would make every key below it silently missing. */
    private void requireMapping(String path, JsonNode node) {
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw new PipelineConfigException(where(path) + path + " must be a mapping of keys to values, not "
                    + shown(node));
        }
    }

    /** A value as a message shows it: a single value quoted, a container by its kind. */
    private static String shown(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "'" + node.asString() + "'";
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
            throw new PipelineConfigException(where("seed") + "seed must be a whole number, not " + shown(seed));
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

    /**
     * A YAML value given outside the file, such as an override's {@code 12} or {@code [a, b]}, read as strictly as a file.
     *
     * @param setting names where the value was given, in the message of a {@link YamlFormatException}
     */
    static JsonNode parseValue(String setting, String yaml) {
        return YamlDocument.read(setting, yaml).root();
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
