/** Benchmarks of the metadata store, run as a main class rather than timed tests. */
@NullMarked
package io.reprounit.bench;

import org.jspecify.annotations.NullMarked;
