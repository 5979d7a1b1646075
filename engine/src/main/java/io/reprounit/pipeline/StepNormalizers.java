package io.reprounit.pipeline;

import io.reprounit.api.IgnoreFields;
import io.reprounit.api.IgnoreTypes;
import io.reprounit.api.SignificantDigits;
import io.reprounit.api.Tolerance;
import io.reprounit.api.Unordered;
import io.reprounit.artifact.Normalization;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a step's normalizer annotations into a {@link Normalization}, reporting each malformed one — a bad path, a
 * tolerance that sets both or neither bound, digits out of range, normalizers on an output compared as plain bytes — as
 * a problem of the step.
 */
final class StepNormalizers {

    private StepNormalizers() {}

    static Normalization read(String stepName, Method method, PipelineProblems problems) {
        Normalization.Builder builder = Normalization.builder();
        boolean declared = false;
        try {
            IgnoreFields fields = method.getAnnotation(IgnoreFields.class);
            if (fields != null) {
                declared = true;
                builder.ignoreFields(List.of(fields.value()));
            }
            IgnoreTypes types = method.getAnnotation(IgnoreTypes.class);
            if (types != null) {
                declared = true;
                builder.ignoreTypes(List.of(types.value()));
            }
            Unordered unordered = method.getAnnotation(Unordered.class);
            if (unordered != null) {
                declared = true;
                builder.unordered(List.of(unordered.value()));
            }
            SignificantDigits digits = method.getAnnotation(SignificantDigits.class);
            if (digits != null) {
                declared = true;
                builder.significantDigits(digits.value());
            }
            Tolerance tolerance = method.getAnnotation(Tolerance.class);
            if (tolerance != null) {
                declared = true;
                builder.tolerance(tolerance.ulps(), tolerance.relative());
            }
        } catch (IllegalArgumentException e) {
            problems.add(method, "step '" + stepName + "': " + e.getMessage());
            return Normalization.none();
        }
        if (declared && comparedAsBytes(method.getReturnType())) {
            problems.add(method, "step '" + stepName + "' returns " + method.getReturnType().getSimpleName()
                    + ", which is compared byte for byte, so normalizers cannot apply to it; return a structured value"
                    + " (a record, a list, a map) or remove the normalizer annotations");
            return Normalization.none();
        }
        return builder.build();
    }

    private static boolean comparedAsBytes(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type) || type == byte[].class || Path.class.isAssignableFrom(type)
                || type == File.class;
    }
}
