package io.reprounit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Maven module of a checkout that holds a pipeline: the directory with {@code src/test/java/<package>/<Class>.java}
 * (or {@code src/main/java/...}), where its tests ran and its data sources' names are relative to.
 */
final class PipelineModule {

    private static final List<String> SOURCE_ROOTS = List.of("src/test/java", "src/main/java");

    /** Directories no module's sources are in, and which can be large: build output, VCS, dependencies. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".reprounit", ".mvn");

    private PipelineModule() {}

    /** @throws ReproduceRefusal where no module of {@code checkout} holds the class's source, or several do */
    static Path locate(Path checkout, String pipelineClass) {
        String source = RecordedCheck.topLevelClass(pipelineClass).replace('.', '/') + ".java";
        List<Path> modules = new ArrayList<>();
        try {
            Files.walkFileTree(checkout, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (!directory.equals(checkout) && SKIPPED.contains(String.valueOf(directory.getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    for (String root : SOURCE_ROOTS) {
                        if (Files.isRegularFile(directory.resolve(root).resolve(source))) {
                            modules.add(directory);
                            break;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for the module of " + pipelineClass + " in " + checkout, e);
        }
        if (modules.isEmpty()) {
            throw new ReproduceRefusal("No module of the checkout " + checkout + " holds the source of " + pipelineClass
                    + " (src/test/java/" + source + " or src/main/java/" + source + "): was the pipeline renamed or"
                    + " moved, or is --repository another repository than the one it was recorded in?");
        }
        java.util.Collections.sort(modules);
        if (modules.size() > 1) {
            throw new ReproduceRefusal("Several modules of the checkout " + checkout + " hold the source of "
                    + pipelineClass + ": " + String.join(", ", modules.stream().map(module ->
                    relative(checkout, module)).toList()) + ". Cannot tell which one recorded the check.");
        }
        return modules.get(0);
    }

    /** {@code module} as Maven's {@code -pl} names it from {@code root}: {@code .} for the root itself. */
    static String relative(Path root, Path module) {
        String relative = root.relativize(module).toString().replace(java.io.File.separatorChar, '/');
        return relative.isEmpty() ? "." : relative;
    }
}
