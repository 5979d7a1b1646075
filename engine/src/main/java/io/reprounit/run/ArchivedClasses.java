package io.reprounit.run;

import io.reprounit.run.jdk.OrderedListingProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** Which classes of a forked run's class list go into its {@link ClassArchive}. */
final class ArchivedClasses {

    /**
     * The classes that {@code directory_order}'s file system provider loads while the JDK makes its default file
     * system. Java 17 gives a shared class of the class path a code source made from a {@code Path}, which needs that
     * file system: a JVM whose first shared class sets it up would load these from the archive first, get no file
     * system, and fail to start. From their jar, they load without one.
     */
    private static final List<String> MADE_WITH_THE_FILE_SYSTEM = OrderedListingProvider.classes().stream()
            .map(c -> c.getName().replace('.', '/')).toList();

    private ArchivedClasses() {}

    /**
     * The lines of a class list ({@code -XX:DumpLoadedClassList}) that name classes to archive: those of a package
     * of {@code jdkPackages} (in internal form, {@code java/util}) or of {@code jarClasses} (internal names), lambdas
     * that such classes create, and the JDK's lambda form invokers. The classes of directories, and those that other
     * class loaders loaded, are left to the class path.
     */
    static List<String> lines(List<String> lines, Set<String> jdkPackages, Set<String> jarClasses) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.strip().split("\\s+");
            boolean keep;
            if (words[0].equals("@lambda-form-invoker")) {
                keep = true;
            } else if (words[0].equals("@lambda-proxy")) {
                keep = words.length > 1 && archived(words[1], jdkPackages, jarClasses);
            } else {
                keep = !words[0].startsWith("@") && !line.contains(" source: ")
                        && archived(words[0], jdkPackages, jarClasses);
            }
            if (keep) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static boolean archived(String internalName, Set<String> jdkPackages, Set<String> jarClasses) {
        return jdkPackages.contains(packageOf(internalName))
                || jarClasses.contains(internalName)
                        && MADE_WITH_THE_FILE_SYSTEM.stream().noneMatch(internalName::startsWith);
    }

    /** The internal names of the classes in {@code jars}, those of multi-release versions as the versions' classes. */
    static Set<String> jarClasses(List<String> jars) throws IOException {
        Set<String> classes = new HashSet<>();
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar, false)) {
                for (Enumeration<JarEntry> it = file.entries(); it.hasMoreElements();) {
                    String entry = ForkClassPath.servedName(it.nextElement().getName());
                    if (entry.endsWith(".class") && !entry.endsWith("module-info.class")) {
                        classes.add(entry.substring(0, entry.length() - ".class".length()));
                    }
                }
            }
        }
        return classes;
    }

    /** The packages of the JDK's modules that this JVM resolved, in internal form. */
    static Set<String> jdkPackages() {
        return ModuleLayer.boot().modules().stream().flatMap(module -> module.getPackages().stream())
                .map(p -> p.replace('.', '/')).collect(Collectors.toSet());
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
