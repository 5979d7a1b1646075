/**
 * Step outputs as artifacts: the {@link io.reprounit.artifact.Materializer} SPI, the canonical encoding and digests.
 */
@NullMarked
package io.reprounit.artifact;

import org.jspecify.annotations.NullMarked;
