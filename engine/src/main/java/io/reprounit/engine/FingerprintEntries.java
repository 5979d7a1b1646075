package io.reprounit.engine;

import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Fingerprint parts as a report entry: {@code reprounit.<aspect>.<name>} to the part's value, followed by its digest
 * where the digest covers more than the value (a jar, a data file, bytecode).
 */
final class FingerprintEntries {

    private FingerprintEntries() {}

    static ReportEntry of(Fingerprint fingerprint) {
        return ReportEntry.from(entries(fingerprint));
    }

    static Map<String, String> entries(Fingerprint fingerprint) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (FingerprintPart part : fingerprint.parts()) {
            String value = part.value().isEmpty() ? "(empty)" : part.value();
            boolean digestIsOfValue = part.digest().equals(Digests.sha256(part.value()));
            entries.put("reprounit." + part.aspect().label() + "." + part.name(),
                    digestIsOfValue ? value : value + " " + part.digest());
        }
        if (entries.isEmpty()) {
            entries.put("reprounit.fingerprint", "(not taken)");
        }
        return entries;
    }
}
