package io.reprounit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Whether steps may be served from the cache ({@link #KEY}): on by default where a person checks, off on a CI build,
 * where every check is a whole proof. The key is owned here; {@code io.reprounit.engine.Constants} documents it.
 *
 * @param on      whether recorded checks are asked before steps run
 * @param problem why the configured value was not understood, where it was not; the cache is then off
 */
@API(status = INTERNAL, since = "0.1")
public record CacheSettings(boolean on, @Nullable String problem) {

    public static final String KEY = "reprounit.cache";

    public static final CacheSettings OFF = new CacheSettings(false, null);

    /** @param ci whether this is a CI build, as the baseline settings decided it */
    public static CacheSettings from(Function<String, Optional<String>> parameters, boolean ci) {
        Optional<String> configured = parameters.apply(KEY).map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty()); // blank is unset, so that a build can leave the default in place
        if (configured.isEmpty()) {
            return new CacheSettings(!ci, null); // on CI every check is a whole proof
        }
        return switch (configured.get()) {
            case "on", "true" -> new CacheSettings(true, null);
            case "off", "false" -> OFF;
            default -> new CacheSettings(false, "Configuration parameter " + KEY + " = '"
                    + parameters.apply(KEY).orElse("") + "' is neither on nor off; the step cache stays off. Set it to"
                    + " on or off, or leave it unset (on, except on CI builds).");
        };
    }
}
