/** Reading a class into a validated pipeline graph, with its configuration. */
@NullMarked
package io.reprounit.pipeline;

import org.jspecify.annotations.NullMarked;
