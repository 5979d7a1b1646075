/**
 * What a pipeline author writes: {@link io.reprounit.api.ReproducibleRun @ReproducibleRun} on the class,
 * {@link io.reprounit.api.Step @Step} on its steps, {@link io.reprounit.api.Input @Input} and
 * {@link io.reprounit.api.Param @Param} on their parameters.
 */
@NullMarked
package io.reprounit.api;

import org.jspecify.annotations.NullMarked;
