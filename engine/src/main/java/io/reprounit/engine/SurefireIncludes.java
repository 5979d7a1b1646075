package io.reprounit.engine;

import java.util.List;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.ModuleSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Pipelines that {@code mvn test} would silently not run: Surefire hands an engine only the classes that match its
 * default includes ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}, nested classes excluded). Under
 * Surefire such a class never reaches the engine; it is cheap to notice only where the engine is given a package or
 * class path to scan, as an IDE or the console launcher does, and there it is an INFO discovery issue.
 */
final class SurefireIncludes {

    private SurefireIncludes() {}

    static void report(EngineDiscoveryRequest request, List<PipelineDescriptor> pipelines, DiscoveryIssueReporter issues) {
        if (request.getSelectorsByType(ClasspathRootSelector.class).isEmpty()
                && request.getSelectorsByType(PackageSelector.class).isEmpty()
                && request.getSelectorsByType(ModuleSelector.class).isEmpty()) {
            return;
        }
        for (PipelineDescriptor pipeline : pipelines) {
            Class<?> type = pipeline.pipeline().pipelineClass();
            if (!isIncludedByDefault(type)) {
                issues.reportIssue(DiscoveryIssue.builder(Severity.INFO, "Pipeline " + type.getName() + " does not match"
                        + " Surefire's default includes (Test*, *Test, *Tests, *TestCase; nested classes excluded):"
                        + " mvn test would not run it. Rename it, e.g. " + type.getSimpleName() + "Test, or widen"
                        + " Surefire's <includes>.").source(ClassSource.from(type)));
            }
        }
    }

    static boolean isIncludedByDefault(Class<?> type) {
        if (type.getEnclosingClass() != null) {
            return false;
        }
        String name = type.getSimpleName();
        return name.startsWith("Test") || name.endsWith("Test") || name.endsWith("Tests") || name.endsWith("TestCase");
    }
}
