package io.reprounit.cache;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What the cache answered for a step about to run: a check that proved its output, or why none did. */
@API(status = INTERNAL, since = "0.1")
public sealed interface CacheLookup {

    /** The report entry {@code reprounit.cache}: {@code hit: check 12}, or {@code miss: } and what differs. */
    String reportEntry();

    /** Check {@code recorded.checkId()} reproduced the step with this very key: its output may be used. */
    record Hit(CacheEntry recorded) implements CacheLookup {
        public Hit {
            requireNonNull(recorded);
        }

        public long checkId() {
            return recorded.checkId();
        }

        public CacheEntry.StoredOutput output() {
            return requireNonNull(recorded.output());
        }

        @Override
        public String reportEntry() {
            return "hit: check " + recorded.checkId();
        }
    }

    /** No recorded check may serve the step; {@code why} is the answer to "why did it run again?". */
    record Miss(String why) implements CacheLookup {
        public Miss {
            requireNonNull(why);
        }

        @Override
        public String reportEntry() {
            return "miss: " + why;
        }
    }
}
