package io.reprounit.fingerprint;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The four things a result depends on, each fingerprinted on its own so that a difference can be explained by it. */
@API(status = INTERNAL, since = "0.1")
public enum Aspect {
    /** The git commit and working tree, the bytecode each step runs, the jars on the classpath. */
    CODE,
    /** The pipeline's configuration, each step's parameters and seed. */
    CONFIG,
    /** The JDK, the operating system, processors, locale, time zone, encodings and chosen environment variables. */
    ENVIRONMENT,
    /** The content of every file or directory that a step reads through a parameter. */
    DATA;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in messages and files: code, config, environment, data. */
    public String label() {
        return label;
    }
}
