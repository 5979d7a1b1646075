/** Executing pipeline runs and recording what each step did. */
@NullMarked
package io.reprounit.run;

import org.jspecify.annotations.NullMarked;
