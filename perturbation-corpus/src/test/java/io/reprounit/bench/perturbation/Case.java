package io.reprounit.bench.perturbation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The label of a pipeline of the perturbation corpus: what it does wrong (or that it is a control), the step that does
 * it, and which variation a check must blame. {@link PerturbationBenchmark} checks it once per entry of
 * {@link #checks()} and compares what the failure says with this label.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Case {

    /** Blamed when the difference comes from a fresh JVM alone, with no variation: {@code Set.of}, unseeded random. */
    String FRESH_JVM = "none";

    /** The class of nondeterminism, as the corpus table in docs/perturbation-benchmark.md words it. */
    String kind();

    /** The step that is nondeterministic; empty for a control, which must reproduce. */
    String culprit() default "";

    /** The variation the failure must name: a {@code reprounit.vary} name, {@link #FRESH_JVM}; empty for a control. */
    String blamed() default "";

    /** The {@code reprounit.vary} values it is checked with, one check each; {@code ""} is forked with no variation. */
    String[] checks();
}
