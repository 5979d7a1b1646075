package io.reprounit.engine;

/**
 * The configuration parameters of the ReproUnit engine. Each is read from the launcher request, from system properties
 * and from {@code junit-platform.properties}, in the order the JUnit Platform gives them precedence.
 */
public final class Constants {

    /** The engine's id, as in unique ids such as {@code [engine:reprounit]}. */
    public static final String ENGINE_ID = "reprounit";

    /**
     * How many runs a check compares for pipelines that keep the default of {@code @ReproducibleRun(runs)}; at least 2.
     * Default: {@value #DEFAULT_RUNS}.
     */
    public static final String RUNS_PROPERTY_NAME = "reprounit.runs";

    /** The number of runs when neither the annotation nor {@link #RUNS_PROPERTY_NAME} says otherwise. */
    public static final int DEFAULT_RUNS = 2;

    private Constants() {}
}
