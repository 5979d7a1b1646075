/**
 * One check of one pipeline, the same wherever it is asked for: planned (isolation, variations, replay), run, compared,
 * against a baseline where one is given, and told to a recording. The engine, the Jupiter bridge and the command line
 * call it, so that they behave alike.
 */
@NullMarked
package io.reprounit.check;

import org.jspecify.annotations.NullMarked;
