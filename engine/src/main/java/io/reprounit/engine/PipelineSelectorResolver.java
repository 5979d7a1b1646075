package io.reprounit.engine;

import static java.util.Objects.requireNonNull;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import io.reprounit.api.Step;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineProblem;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import io.reprounit.pipeline.StepDefinition;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class, method and unique-id selectors into pipeline and step descriptors. Each class is read once; a class
 * that is not a valid pipeline gets a {@link MalformedPipelineDescriptor}, which fails naming its problems, and each
 * problem is an INFO discovery issue with the class or method at fault as its source, for tools that show them: ERROR
 * is critical for the platform and would stop every test of the module.
 */
final class PipelineSelectorResolver implements SelectorResolver {

    private final Predicate<String> classNameFilter;
    private final DiscoveryIssueReporter issueReporter;
    private final PipelineReader reader;
    private final Map<Class<?>, PipelineReading> pipelines = new HashMap<>();

    PipelineSelectorResolver(Predicate<String> classNameFilter, DiscoveryIssueReporter issueReporter, PipelineReader reader) {
        this.classNameFilter = requireNonNull(classNameFilter);
        this.issueReporter = requireNonNull(issueReporter);
        this.reader = requireNonNull(reader);
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (!classNameFilter.test(candidate.getName()) || UnrunnableClasses.report(candidate, issueReporter)
                || !PipelineReader.isPipelineClass(candidate)) {
            return unresolved();
        }
        PipelineReading reading = reading(candidate);
        if (reading.pipeline().isEmpty()) {
            return context.addToParent(parent -> Optional.of(new MalformedPipelineDescriptor(
                            PipelineDescriptor.uniqueId(parent.getUniqueId(), candidate), candidate, reading.problems())))
                    .map(descriptor -> Resolution.match(Match.exact(descriptor)))
                    .orElse(unresolved());
        }
        return context.addToParent(parent -> Optional.of(new PipelineDescriptor(
                        PipelineDescriptor.uniqueId(parent.getUniqueId(), candidate), reading.pipeline().get())))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> stepSelectors(descriptor))))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (UnrunnableClasses.report(candidate, issueReporter) || !PipelineReader.isPipelineClass(candidate)) {
            return unresolved();
        }
        Optional<Method> stepMethod = stepMethod(candidate, selector);
        if (stepMethod.isEmpty()) {
            return unresolved();
        }
        Method method = stepMethod.get();
        if (reading(candidate).pipeline().isEmpty()) {
            return Resolution.selectors(Set.of(selectClass(candidate))); // its class fails, naming the problems
        }
        Optional<StepDefinition> step = pipeline(candidate).flatMap(pipeline -> pipeline.steps().stream()
                .filter(definition -> definition.method().equals(method))
                .findFirst());
        if (step.isEmpty()) {
            return unresolved();
        }
        return context.addToParent(() -> selectClass(candidate), parent -> Optional.of(new StepDescriptor(
                        parent.getUniqueId().append(StepDescriptor.SEGMENT_TYPE, step.get().name()), candidate, step.get())))
                .map(descriptor -> Resolution.match(Match.exact(descriptor)))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(PipelineDescriptor.SEGMENT_TYPE)) {
            return unresolved();
        }
        Optional<Class<?>> candidate = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional();
        if (candidate.isEmpty()) {
            return unresolved();
        }
        if (segments.size() == 2) {
            return Resolution.selectors(Set.of(selectClass(candidate.get())));
        }
        UniqueId.Segment stepSegment = segments.get(2);
        if (segments.size() > 3 || !stepSegment.getType().equals(StepDescriptor.SEGMENT_TYPE)
                || !PipelineReader.isPipelineClass(candidate.get())) {
            return unresolved();
        }
        if (reading(candidate.get()).pipeline().isEmpty()) {
            // A broken pipeline: its problems are reported already, and "could not be resolved" would only repeat them.
            return Resolution.selectors(Set.of(selectClass(candidate.get())));
        }
        return pipeline(candidate.get())
                .flatMap(pipeline -> pipeline.step(stepSegment.getValue()))
                .map(step -> Resolution.selectors(Set.of(selectMethod(candidate.get(), step.method()))))
                .orElse(unresolved());
    }

    /**
     * The step method selected. {@code Class#train} without parameter types, as a person types it on the command
     * line, selects the one step method of that name: looking it up by reflection with no parameters would throw.
     */
    private static Optional<Method> stepMethod(Class<?> pipelineClass, MethodSelector selector) {
        if (selector.getParameterTypeNames().isEmpty()) {
            List<Method> named = ReflectionSupport.findMethods(pipelineClass,
                    method -> method.getName().equals(selector.getMethodName()) && method.isAnnotationPresent(Step.class),
                    org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN);
            if (named.size() == 1) {
                return Optional.of(named.get(0));
            }
        }
        Method method = selector.getJavaMethod();
        return method.isAnnotationPresent(Step.class) ? Optional.of(method) : Optional.empty();
    }

    private Set<DiscoverySelector> stepSelectors(PipelineDescriptor descriptor) {
        PipelineDefinition pipeline = descriptor.pipeline();
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (StepDefinition step : pipeline.steps()) {
            selectors.add(selectMethod(pipeline.pipelineClass(), step.method()));
        }
        return selectors;
    }

    private Optional<PipelineDefinition> pipeline(Class<?> pipelineClass) {
        return reading(pipelineClass).pipeline();
    }

    private PipelineReading reading(Class<?> pipelineClass) {
        return pipelines.computeIfAbsent(pipelineClass, this::read);
    }

    private PipelineReading read(Class<?> pipelineClass) {
        PipelineReading reading = reader.read(pipelineClass);
        for (PipelineProblem problem : reading.problems()) {
            issueReporter.reportIssue(DiscoveryIssue.builder(Severity.INFO, problem.message())
                    .source(problem.source()
                            .<org.junit.platform.engine.TestSource>map(method -> MethodSource.from(pipelineClass, method))
                            .orElseGet(() -> ClassSource.from(pipelineClass))));
        }
        return reading;
    }
}
