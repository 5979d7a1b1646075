package io.reprounit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;

/**
 * A fixture pipeline class loaded afresh with a configuration file of the test's own, {@code <SimpleName>.yaml} beside
 * it as the engine looks for it, so that one class can be read with any number of configurations written by a test.
 * Everything but the class itself, the API annotations included, comes from the test's own class loader.
 */
final class ConfiguredFixture extends ClassLoader {

    private final String className;
    private final String configResource;
    private final Path config;

    private ConfiguredFixture(Class<?> fixture, Path config) {
        super(fixture.getClassLoader());
        this.className = fixture.getName();
        this.configResource = className.replace('.', '/') + ".yaml";
        this.config = config;
    }

    /** {@code fixture} as a class of its own whose configuration is the file {@code config}. */
    static Class<?> load(Class<?> fixture, Path config) {
        try {
            return new ConfiguredFixture(fixture, config).loadClass(fixture.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(className)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (!name.equals(configResource)) {
            return super.getResource(name);
        }
        try {
            return config.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
