package io.reprounit.jupiter;

import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Fingerprinter;
import java.util.List;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a {@link ReproducibleTest @ReproducibleTest} method one invocation per run, all sharing one {@link RunSeries}
 * that keeps the first run's outputs to compare the others with. What cannot work is refused before the first run, so
 * that a misconfigured test does not spend minutes training before it fails.
 */
final class ReproducibleTestExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> AnnotationSupport.isAnnotated(method, ReproducibleTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String described = "@ReproducibleTest " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        int runs = AnnotationSupport.findAnnotation(method, ReproducibleTest.class).orElseThrow().runs();
        if (runs < 2) {
            throw new ExtensionConfigurationException(described + " has runs = " + runs + ", but comparing needs at"
                    + " least 2 runs");
        }
        if (context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                == TestInstance.Lifecycle.PER_CLASS) {
            throw new ExtensionConfigurationException(described + " is in a class with @TestInstance(PER_CLASS): its"
                    + " runs would share one test instance, and what one run leaves in it could change the next."
                    + " Use the default lifecycle (PER_METHOD), so that every run gets a fresh instance.");
        }
        if (Arrays.stream(method.getParameterTypes()).noneMatch(Outputs.class::equals)) {
            throw new ExtensionConfigurationException(described + " has no " + Outputs.class.getSimpleName()
                    + " parameter, so it cannot hand over what it produced; declare one and call"
                    + " outputs.record(name, value)");
        }
        Materializers materializers = Materializers.load(classLoader(method));
        List<String> variables = context.getConfigurationParameter(Fingerprinter.ENVIRONMENT_VARIABLES_KEY)
                .map(Fingerprinter::environmentVariables).orElse(List.of());
        RunSeries series = new RunSeries(runs, materializers,
                Fingerprinter.create(classLoader(method), variables, materializers),
                TestRecording.of(context, method), method);
        return IntStream.rangeClosed(1, runs).mapToObj(number -> new RunInvocation(number, series));
    }

    private static ClassLoader classLoader(Method method) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : method.getDeclaringClass().getClassLoader();
    }
}
