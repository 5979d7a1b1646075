/**
 * The Maven plugin: the command line's commands as goals ({@code mvn reprounit:history -Dpipeline=…}), run through
 * the command line itself over the store of the project they run in.
 */
@NullMarked
package io.reprounit.maven;

import org.jspecify.annotations.NullMarked;
