package io.reprounit.pipeline;

import tools.jackson.databind.JsonNode;

/** A value from a pipeline's configuration, with the dotted path and the line it was found at. */
public record ConfigValue(String path, JsonNode node, int line) {}
