package io.reprounit.fingerprint.git;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * JGit logs through SLF4J, and SLF4J 2 warns on the console of every JVM that has no logging provider ("No SLF4J
 * providers were found"). A ReproUnit user did not ask for JGit, and JGit logs nothing a check needs: where no provider
 * is present, SLF4J is bound to its own no-op provider before JGit first logs, which is what SLF4J falls back to anyway,
 * minus the warning. Where a provider is present, or {@code slf4j.provider} is set, nothing changes: a user's logging
 * is theirs. No provider ships with the engine, since a second one on a user's class path would warn in turn. Called
 * before the first use of JGit and of sqlite-jdbc, which logs through SLF4J too where it finds it.
 */
@API(status = INTERNAL, since = "0.1")
public final class Slf4jFallback {

    private static final String PROVIDER_PROPERTY = "slf4j.provider";
    private static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    private static final String NO_OP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    private Slf4jFallback() {}

    /** Binds SLF4J to its no-op provider where it would otherwise warn that it has none; to be called before JGit. */
    public static synchronized void quietWhereNoProvider() {
        try {
            ClassLoader loader = org.slf4j.LoggerFactory.class.getClassLoader(); // naming the class does not initialize it
            if (System.getProperty(PROVIDER_PROPERTY) != null || hasProvider(loader)) {
                return;
            }
            String verbosity = System.getProperty(VERBOSITY_PROPERTY);
            System.setProperty(PROVIDER_PROPERTY, NO_OP_PROVIDER);
            if (verbosity == null) {
                // SLF4J says at INFO that it loads the provider named by the property: say nothing below WARN.
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
            try {
                org.slf4j.LoggerFactory.getILoggerFactory(); // binds once per class loader; the properties are read now
            } finally {
                System.clearProperty(PROVIDER_PROPERTY);
                if (verbosity == null) {
                    System.clearProperty(VERBOSITY_PROPERTY);
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // An SLF4J without providers (1.7, forced by a user's build) or a broken one: SLF4J says what it says.
        }
    }

    private static boolean hasProvider(ClassLoader loader) {
        try {
            return ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class, loader).iterator().hasNext();
        } catch (ServiceConfigurationError e) {
            return true; // a provider is declared but broken: SLF4J's own report of it is the useful one
        }
    }
}
