/**
 * The command line over the metadata store: {@code runs}, {@code history}, {@code show}, {@code diff}, {@code output},
 * {@code verify} and {@code gc}.
 */
@NullMarked
package io.reprounit.cli;

import org.jspecify.annotations.NullMarked;
