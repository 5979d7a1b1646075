package io.reprounit.fingerprint.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * SLF4J as a user's class path has it, each case in a class loader of its own (SLF4J binds once per class loader): the
 * engine's classes, slf4j-api, and a provider or none. This module's own tests have slf4j-nop, so only such a loader
 * shows what a user without one would see.
 */
class Slf4jFallbackTest {

    private static final String NO_PROVIDERS = "No SLF4J providers were found";

    @Test
    void withoutAProviderSlf4jWarnsOnTheConsole() throws Exception {
        try (URLClassLoader loader = userClassPath(false)) {
            String console = console(() -> loggerFactory(loader));

            assertThat(console).contains(NO_PROVIDERS); // what every run printed before the fallback
        }
    }

    @Test
    void withoutAProviderTheFallbackBindsTheNoOpProviderSilently() throws Exception {
        try (URLClassLoader loader = userClassPath(false)) {
            String[] factory = new String[1];
            String console = console(() -> {
                fallback(loader);
                factory[0] = loggerFactory(loader);
            });

            assertThat(console).doesNotContain("SLF4J");
            assertThat(factory[0]).isEqualTo("org.slf4j.helpers.NOP_FallbackServiceProvider");
            assertThat(System.getProperty("slf4j.provider")).as("the property is set only while SLF4J binds").isNull();
            assertThat(System.getProperty("slf4j.internal.verbosity")).isNull();
        }
    }

    @Test
    void aUsersProviderIsLeftAlone() throws Exception {
        try (URLClassLoader loader = userClassPath(true)) {
            String[] factory = new String[1];
            String console = console(() -> {
                fallback(loader);
                factory[0] = loggerFactory(loader);
            });

            assertThat(console).doesNotContain("SLF4J");
            assertThat(factory[0]).as("slf4j-nop's own provider, not SLF4J's fallback")
                    .isEqualTo("org.slf4j.nop.NOPServiceProvider");
        }
    }

    private static URLClassLoader userClassPath(boolean withProvider) throws Exception {
        URL engine = location(Slf4jFallback.class);
        URL api = location(org.slf4j.LoggerFactory.class);
        URL[] urls = withProvider ? new URL[] {engine, api, location(org.slf4j.nop.NOPServiceProvider.class)}
                : new URL[] {engine, api};
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static void fallback(ClassLoader loader) throws Exception {
        Method quiet = Class.forName(Slf4jFallback.class.getName(), true, loader).getDeclaredMethod("quietWhereNoProvider");
        quiet.setAccessible(true);
        quiet.invoke(null);
    }

    /** The class of the provider SLF4J binds to in {@code loader}, after getting a logger as JGit does. */
    private static String loggerFactory(ClassLoader loader) throws Exception {
        Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
        factory.getMethod("getLogger", String.class).invoke(null, "org.eclipse.jgit.util.FS");
        Method provider = factory.getDeclaredMethod("getProvider"); // package-private: which provider was bound
        provider.setAccessible(true);
        return provider.invoke(null).getClass().getName();
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What {@code action} printed on the console, where SLF4J reports. */
    private static String console(Action action) throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            action.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
