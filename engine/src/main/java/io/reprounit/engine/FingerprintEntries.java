package io.reprounit.engine;

import io.reprounit.fingerprint.Fingerprint;
import java.util.Map;
import org.junit.platform.engine.reporting.ReportEntry;

/** Fingerprint parts as a report entry; a report entry may not be empty, so no parts say so. */
final class FingerprintEntries {

    private FingerprintEntries() {}

    static ReportEntry of(Fingerprint fingerprint) {
        Map<String, String> entries = fingerprint.reportEntries();
        return ReportEntry.from(entries.isEmpty() ? Map.of("reprounit.fingerprint", "(not taken)") : entries);
    }
}
