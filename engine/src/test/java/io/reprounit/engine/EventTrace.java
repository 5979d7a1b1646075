package io.reprounit.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Events as comparable lines: type, unique id, and the payload with what changes from one execution to the next
 * (digests, timestamps, numbers in temporary paths) masked. Grouped per pipeline in the order each pipeline saw
 * them, so that executions that interleave pipelines differently compare equal.
 */
final class EventTrace {

    private EventTrace() {}

    static Map<String, List<String>> perPipeline(Events events) {
        return events.stream().collect(Collectors.groupingBy(EventTrace::pipeline, TreeMap::new,
                Collectors.mapping(EventTrace::line, Collectors.toList())));
    }

    private static String pipeline(Event event) {
        var segments = event.getTestDescriptor().getUniqueId().getSegments();
        return segments.size() < 2 ? "[engine]" : segments.get(1).getValue();
    }

    private static String line(Event event) {
        String payload = event.getPayload().map(EventTrace::shown).orElse("");
        return event.getType() + " " + event.getTestDescriptor().getUniqueId() + " " + payload;
    }

    private static String shown(Object payload) {
        if (payload instanceof TestExecutionResult result) {
            return result.getStatus() + result.getThrowable()
                    .map(t -> " " + t.getClass().getName() + ": " + masked(String.valueOf(t.getMessage()))).orElse("");
        }
        if (payload instanceof ReportEntry entry) {
            return masked(new TreeMap<>(entry.getKeyValuePairs()).toString());
        }
        if (payload instanceof FileEntry entry) {
            return "file " + entry.getPath().getFileName() + " " + entry.getMediaType().orElse("");
        }
        return masked(payload.toString());
    }

    private static String masked(String text) {
        // Digests, whole or shortened, then what is left of timestamps and counters.
        return text.replaceAll("sha256/[0-9a-f]{2}/", "sha256/<xx>/")
                .replaceAll("\\b(?=[0-9a-f]*[0-9])[0-9a-f]{7,}\\b", "<hex>")
                .replaceAll("[0-9]+", "#");
    }
}
