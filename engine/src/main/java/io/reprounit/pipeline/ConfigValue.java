package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * A value from a pipeline's configuration, with where it came from: the dotted path and line in the YAML file, or, for
 * an override, the name of the system property that set it (and line -1).
 */
@API(status = INTERNAL, since = "0.1")
public record ConfigValue(String path, JsonNode node, int line, boolean override) {

    ConfigValue(String path, JsonNode node, int line) {
        this(path, node, line, false);
    }
}
