package io.reprounit.run;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Materializers;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the steps that diverged can be run again on the inputs the control run kept, read back from the artifact
 * store, instead of after every step upstream of them: what makes an investigation cost the culprit steps alone.
 * Only where nothing but those inputs passes from the steps upstream to them: every input was kept and can be read
 * back, and the pipeline class has no instance field that a step could set for a later one (final fields are set
 * alike in every fresh instance).
 */
final class StoredInputs {

    private StoredInputs() {}

    /** The outputs to give, or empty where the culprits must run after their upstream steps. */
    static Optional<List<ForkedRunRequest.StoredInput>> of(PipelineDefinition pipeline, Run control,
            List<String> culprits, Materializers materializers) {
        if (hasMutableState(pipeline.pipelineClass())) {
            return Optional.empty();
        }
        Set<String> upstream = new LinkedHashSet<>();
        culprits.forEach(culprit -> pipeline.step(culprit).ifPresent(step -> upstream.addAll(step.upstream())));
        List<ForkedRunRequest.StoredInput> given = new ArrayList<>();
        for (String name : upstream) {
            StepDefinition step = pipeline.step(name).orElseThrow();
            Optional<Artifact> output = control.execution(name).filter(e -> e.status() == StepExecution.Status.SUCCEEDED)
                    .flatMap(StepExecution::output);
            if (output.isEmpty() || output.get().kept().location() == null || materializers
                    .whyUnreadable(step.method().getGenericReturnType(), step.normalization()).isPresent()) {
                return Optional.empty();
            }
            Artifact kept = output.get();
            given.add(new ForkedRunRequest.StoredInput(name, kept.digest(), kept.bytesDigest(), kept.mediaType(),
                    kept.size()));
        }
        return given.isEmpty() ? Optional.empty() : Optional.of(given);
    }

    private static boolean hasMutableState(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !field.isSynthetic()) {
                    return true;
                }
            }
        }
        return false;
    }
}
