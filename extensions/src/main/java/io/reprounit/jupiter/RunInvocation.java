package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import java.lang.reflect.Method;

/**
 * One run of a {@link ReproducibleTest @ReproducibleTest} method, as a Jupiter invocation: its own {@link Outputs},
 * injected into the test method; skipped where the first run left nothing to compare with; and, once the method
 * returns, its outputs handed to the {@link RunSeries} to compare.
 */
final class RunInvocation implements TestTemplateInvocationContext {

    private final int number;
    private final RunSeries series;

    RunInvocation(int number, RunSeries series) {
        this.number = number;
        this.series = requireNonNull(series);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "run " + number + " of " + series.runs();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new ThisRun(new Outputs(series.materializers(), series.artifacts())));
    }

    /** The extensions of this run only, registered for its invocation and gone with it. */
    private final class ThisRun implements ParameterResolver, ExecutionCondition, InvocationInterceptor {

        private final Outputs outputs;

        ThisRun(Outputs outputs) {
            this.outputs = requireNonNull(outputs);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            // Only the test method's own parameter: outputs recorded in @BeforeEach or @AfterEach would be hidden state.
            return parameter.getParameter().getType() == Outputs.class
                    && parameter.getDeclaringExecutable().equals(context.getTestMethod().orElse(null));
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return outputs;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return series.whyNotRun(number).map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("run " + number + " has run 1 to compare with"));
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<@org.jspecify.annotations.Nullable Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
            java.time.Instant started = java.time.Instant.now();
            try {
                invocation.proceed();
            } catch (Throwable thrown) {
                outputs.close();
                series.threw(number);
                throw thrown; // the run fails with what the method threw, as it is
            }
            Map<String, Artifact> recorded = outputs.close();
            java.time.Instant finished = java.time.Instant.now();
            context.publishReportEntry(entries(recorded));
            context.publishReportEntry(series.fingerprintEntries(number));
            series.finished(number, recorded, outputs.normalizations(), started, finished);
        }

        private Map<String, String> entries(Map<String, Artifact> recorded) {
            Map<String, String> entries = new LinkedHashMap<>();
            recorded.forEach((name, artifact) -> {
                entries.put("reprounit.output." + name + ".digest", artifact.digest());
                entries.put("reprounit.output." + name + ".size", Long.toString(artifact.size()));
            });
            if (entries.isEmpty()) {
                entries.put("reprounit.outputs", "(none recorded)");
            }
            return entries;
        }
    }
}
