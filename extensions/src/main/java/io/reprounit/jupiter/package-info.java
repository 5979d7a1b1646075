/**
 * ReproUnit inside JUnit Jupiter: {@link io.reprounit.jupiter.ReproducibleTest @ReproducibleTest} for test methods that
 * hand what they produced to {@link io.reprounit.jupiter.Outputs}, and {@link io.reprounit.jupiter.ReproUnit#check} for
 * checking a whole pipeline class and getting its result as a value.
 *
 * <p>Built on the engine's core only (pipeline, run, compare, fingerprint): nothing here is JUnit Platform engine code.
 */
@NullMarked
package io.reprounit.jupiter;

import org.jspecify.annotations.NullMarked;
