package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Where the runs of a check execute. */
@API(status = STABLE, since = "0.1")
public enum Isolation {

    /** As configuration parameter {@code reprounit.isolation} says; {@link #SAME_JVM} where it says nothing. */
    CONFIGURED,

    /**
     * Every run in the test JVM, one after another. Fast, but blind to what is fixed for the life of a JVM: the salt of
     * {@code Set.of}/{@code Map.of} iteration order, identity hash codes, static state initialised once.
     */
    SAME_JVM,

    /**
     * Every run in a fresh JVM started from the test JVM's {@code java} and class path, several at a time. Catches what
     * differs from one JVM start to the next, and is needed for {@link ReproducibleRun#vary() variations}.
     */
    FORKED
}
