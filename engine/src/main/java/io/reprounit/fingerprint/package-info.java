/** Fingerprints of code, configuration, environment and data, part by part. */
@NullMarked
package io.reprounit.fingerprint;

import org.jspecify.annotations.NullMarked;
