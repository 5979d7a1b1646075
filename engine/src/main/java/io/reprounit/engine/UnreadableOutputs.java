package io.reprounit.engine;

import io.reprounit.artifact.Materializers;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.util.List;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Says at discovery which steps the step cache can never serve because their output cannot be read back as the type
 * they declare, where a step downstream would need it: at INFO, since the check itself is not affected, only how much
 * of it the cache can save. A step nothing reads needs only its stored output verified, so it is not named.
 */
final class UnreadableOutputs {

    private UnreadableOutputs() {}

    static void report(List<PipelineDescriptor> pipelines, Materializers materializers, DiscoveryIssueReporter issues) {
        for (PipelineDescriptor descriptor : pipelines) {
            PipelineDefinition pipeline = descriptor.pipeline();
            for (StepDefinition step : pipeline.steps()) {
                boolean read = pipeline.steps().stream().anyMatch(other -> other.upstream().contains(step.name()));
                if (read) {
                    materializers.whyUnreadable(step.method().getGenericReturnType(), step.normalization())
                            .ifPresent(why -> issues.reportIssue(DiscoveryIssue.builder(Severity.INFO, "Step '"
                                    + step.name() + "' of pipeline '" + pipeline.name() + "' is never served from the"
                                    + " step cache: its output cannot be read back for the steps that take it, since "
                                    + why + ". It runs in every check.")
                                    .source(MethodSource.from(step.method()))));
                }
            }
        }
    }
}
