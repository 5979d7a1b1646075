/**
 * AssertJ assertions on ReproUnit's results: start from {@link io.reprounit.assertj.ReproUnitAssertions#assertThat}.
 */
@NullMarked
package io.reprounit.assertj;

import org.jspecify.annotations.NullMarked;
