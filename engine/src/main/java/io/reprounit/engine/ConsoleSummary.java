package io.reprounit.engine;

import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine's own summary of each check, printed on standard output once its steps are reported: a line for the
 * pipeline, then one per step with its verdict, and the reason for every step that did not reproduce. Surefire shows
 * a test's standard output in {@code mvn test}'s log, so CI logs keep it, while a step's reason otherwise sits only in
 * the XML reports ({@code Skipped: 3}). Turned off with {@link Constants#SUMMARY_PROPERTY_NAME}.
 */
final class ConsoleSummary {

    static final String PREFIX = "ReproUnit ";

    private final @Nullable PrintStream out;

    /** @param out where to print, or null where the summary is off */
    ConsoleSummary(@Nullable PrintStream out) {
        this.out = out;
    }

    void print(String pipeline, List<StepVerdict> verdicts, List<String> notes, Optional<Throwable> pipelineFailure) {
        if (out != null) {
            // One call, so that pipelines checked in parallel do not interleave their lines.
            out.print(of(pipeline, verdicts, notes, pipelineFailure));
            out.flush();
        }
    }

    static String of(String pipeline, List<StepVerdict> verdicts, List<String> notes,
            Optional<Throwable> pipelineFailure) {
        Map<Verdict, Long> counts = verdicts.stream()
                .collect(Collectors.groupingBy(StepVerdict::verdict, () -> new EnumMap<>(Verdict.class),
                        Collectors.counting()));
        StringBuilder text = new StringBuilder(PREFIX).append(pipeline).append(": ")
                .append(counts.entrySet().stream().map(count -> count.getValue() + " " + word(count.getKey()))
                        .collect(Collectors.joining(", ")));
        pipelineFailure.ifPresent(failure -> text.append("; the pipeline FAILED"));
        text.append(System.lineSeparator());
        int width = verdicts.stream().mapToInt(verdict -> word(verdict.verdict()).length()).max().orElse(0);
        for (StepVerdict verdict : verdicts) {
            text.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", word(verdict.verdict())
                    .toUpperCase(Locale.ROOT))).append(' ').append(verdict.step());
            if (verdict.verdict() != Verdict.REPRODUCED) {
                text.append(": ").append(firstLine(verdict.explanation()));
            }
            text.append(System.lineSeparator());
        }
        pipelineFailure.ifPresent(failure -> text.append("  pipeline: ")
                .append(firstLine(String.valueOf(failure.getMessage()))).append(System.lineSeparator()));
        for (String note : notes) {
            text.append("  ").append(note).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String word(Verdict verdict) {
        return verdict == Verdict.NOT_RUN ? "not run" : verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end).strip() + " …";
    }
}
