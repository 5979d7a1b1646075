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
 * @param why     how this came about, for a report: {@code reprounit.cache=off}, {@code a CI build}, the default
 * @param problem why the configured value was not understood, where it was not; the cache is then off
 */
@API(status = INTERNAL, since = "0.1")
public record CacheSettings(boolean on, String why, @Nullable String problem) {

    public static final String KEY = "reprounit.cache";

    public static final CacheSettings OFF = new CacheSettings(false, KEY + "=off", null);

    /** @param ci whether this is a CI build, as the baseline settings decided it */
    public static CacheSettings from(Function<String, Optional<String>> parameters, boolean ci) {
        Optional<String> configured = parameters.apply(KEY).map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty()); // blank is unset, so that a build can leave the default in place
        if (configured.isEmpty()) {
            return ci ? new CacheSettings(false, "a CI build, where every check runs every step", null)
                    : new CacheSettings(true, "the default", null);
        }
        return switch (configured.get()) {
            case "on", "true" -> new CacheSettings(true, KEY + "=on", null);
            case "off", "false" -> OFF;
            default -> new CacheSettings(false, KEY + " is not on or off", "Configuration parameter " + KEY + " = '"
                    + parameters.apply(KEY).orElse("") + "' is neither on nor off; the step cache stays off. Set it to"
                    + " on or off, or leave it unset (on, except on CI builds).");
        };
    }
}
