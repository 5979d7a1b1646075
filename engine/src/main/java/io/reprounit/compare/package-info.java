/** Comparing the runs of a check into a verdict per step, with explanations and readable diffs. */
@NullMarked
package io.reprounit.compare;

import org.jspecify.annotations.NullMarked;
