package io.reprounit.engine;

import io.reprounit.api.ReproducibleRun;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Classes annotated {@code @ReproducibleRun}, directly or by inheritance, that cannot be pipelines, reported rather
 * than skipped in silence: an abstract class or interface as INFO, since it is often a base whose concrete subclasses
 * are pipelines (the annotation is inherited); a local or anonymous class as a WARNING, since nothing can create it on
 * its own. A non-static inner class is read as a pipeline and fails as one, naming what to do.
 */
final class UnrunnableClasses {

    private UnrunnableClasses() {}

    /** Whether discovery should look at the class: a pipeline, or one to report. */
    static boolean isAnnotated(Class<?> candidate) {
        return candidate.isAnnotationPresent(ReproducibleRun.class) && !candidate.isAnnotation();
    }

    /** Reports {@code candidate} where it is annotated but cannot be a pipeline; says whether it did. */
    static boolean report(Class<?> candidate, DiscoveryIssueReporter issues) {
        Optional<DiscoveryIssue> issue = issue(candidate);
        issue.ifPresent(issues::reportIssue);
        return issue.isPresent();
    }

    static Optional<DiscoveryIssue> issue(Class<?> candidate) {
        if (!isAnnotated(candidate)) {
            return Optional.empty();
        }
        String name = candidate.getName();
        if (candidate.isAnonymousClass() || candidate.isLocalClass()) {
            String kind = candidate.isAnonymousClass() ? "an anonymous class" : "a local class";
            return Optional.of(issue(Severity.WARNING, candidate, "Class " + name + " is annotated with"
                    + " @ReproducibleRun (or extends a class that is) but is not run: it is " + kind + ", which the"
                    + " engine cannot create. Make it a top-level or static nested class to check it."));
        }
        if (candidate.isInterface() || Modifier.isAbstract(candidate.getModifiers())) {
            String kind = candidate.isInterface() ? "an interface" : "abstract";
            return Optional.of(issue(Severity.INFO, candidate, "Class " + name + " is annotated with @ReproducibleRun"
                    + " but is not run itself: it is " + kind + ". Its concrete subclasses are pipelines, since the"
                    + " annotation is inherited."));
        }
        return Optional.empty();
    }

    private static DiscoveryIssue issue(Severity severity, Class<?> candidate, String message) {
        return DiscoveryIssue.builder(severity, message).source(ClassSource.from(candidate)).build();
    }
}
