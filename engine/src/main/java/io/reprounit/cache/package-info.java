/**
 * The step cache: whether a recorded check already proved what a step would give now, and if not, what changed since
 * one did.
 */
@NullMarked
package io.reprounit.cache;

import org.jspecify.annotations.NullMarked;
