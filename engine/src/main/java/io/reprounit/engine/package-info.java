/**
 * The JUnit Platform adapter: the test engine, its descriptors, selector resolution and configuration keys. The only
 * package that knows the JUnit Platform engine API.
 */
@NullMarked
package io.reprounit.engine;

import org.jspecify.annotations.NullMarked;
