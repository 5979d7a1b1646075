package io.reprounit.fingerprint;

import io.reprounit.pipeline.Secrets;
import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The data parts of a step: every {@code @Param} of type {@code Path} or {@code File} names a datasource, digested when
 * the step runs — a file by its content, a directory by the sorted relative paths and contents of its files. The part is
 * named by the path as configured, so that an explanation reads "data/iris.csv changed". A file given to a
 * secret-named parameter is recorded only as there or missing.
 */
final class DataFingerprint {

    private DataFingerprint() {}

    /**
     * @param directory what relative paths are read against; the part keeps the path as configured, so that a run in
     *                  another working directory (a forked run that varies it) is fingerprinted like any other
     */
    /** The name of a source's part: the path as configured, with {@code /} on every system. */
    static String name(Path source) {
        return source.toString().replace(File.separatorChar, '/');
    }

    static List<FingerprintPart> forStep(StepDefinition step, FileDigestCache digests, Path directory) {
        Set<Path> secrets = secretSources(step);
        Map<String, FingerprintPart> parts = new LinkedHashMap<>();
        for (Path path : step.dataSources()) {
            String name = name(path);
            parts.computeIfAbsent(name, n -> secrets.contains(path) ? presence(n, directory.resolve(path))
                    : snapshot(n, directory.resolve(path), digests));
        }
        return new ArrayList<>(parts.values());
    }

    /**
     * The sources given to a parameter whose name looks secret ({@code keyFile}, {@code credentials}): a key or a
     * password in a file, not data; a digest of its content would let a short one be guessed.
     */
    static Set<Path> secretSources(StepDefinition step) {
        Set<Path> secrets = new HashSet<>();
        for (StepArgument argument : step.arguments()) {
            if (argument instanceof StepArgument.Configured configured && Secrets.looksSecret(configured.key())) {
                Object value = configured.value();
                if (value instanceof Path path) {
                    secrets.add(path);
                } else if (value instanceof File file) {
                    secrets.add(file.toPath());
                }
            }
        }
        return secrets;
    }

    private static FingerprintPart presence(String name, Path path) {
        return FingerprintPart.of(Aspect.DATA, name, Files.exists(path) ? Secrets.SET : "(missing)");
    }

    private static FingerprintPart snapshot(String name, Path path, FileDigestCache digests) {
        if (Files.isRegularFile(path)) {
            return FingerprintPart.ofContent(Aspect.DATA, name, "file", digests.digest(path));
        }
        if (Files.isDirectory(path)) {
            TreeMap<String, String> listing = listing(path, digests);
            return FingerprintPart.ofContent(Aspect.DATA, name, "directory of " + listing.size() + " files",
                    DataListing.digest(listing));
        }
        return FingerprintPart.of(Aspect.DATA, name, "(missing)");
    }

    static TreeMap<String, String> listing(Path directory, FileDigestCache digests) {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).forEach(file -> files.put(
                    directory.relativize(file).toString().replace(File.separatorChar, '/'), digests.digest(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the datasource " + directory, e);
        }
        return files;
    }
}
