/** Baseline files: the recorded result of a pipeline, read and written as deterministic YAML. */
@NullMarked
package io.reprounit.baseline;

import org.jspecify.annotations.NullMarked;
