package io.reprounit.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * {@value #KEY}: the recorded check of the metadata store that a check is compared with instead of the baseline file,
 * written {@code check:<id>} with the id {@code runs} and {@code history} print. Read the same way for every caller; a
 * value that names no check is kept as a problem that fails each pipeline, naming the setting, rather than the engine.
 *
 * @param check the id of the recorded check, where the setting names one
 * @param problem why the setting names no check, where it is set but wrong
 */
@API(status = INTERNAL, since = "0.1")
public record AgainstSetting(Optional<Long> check, Optional<String> problem) {

    public static final String KEY = "reprounit.against";

    /** The setting's value for a check: {@code check:12}. */
    public static final String PREFIX = "check:";

    private static final Pattern VALUE = Pattern.compile("check:(\\d{1,18})");

    /** Not set: checks are compared with their baseline file. */
    public static final AgainstSetting NONE = new AgainstSetting(Optional.empty(), Optional.empty());

    /** @param parameters the configuration parameters by key */
    public static AgainstSetting from(Function<String, Optional<String>> parameters) {
        Optional<String> value = parameters.apply(KEY);
        if (value.isEmpty()) {
            return NONE;
        }
        Matcher matcher = VALUE.matcher(value.get().strip());
        if (matcher.matches() && Long.parseLong(matcher.group(1)) > 0) {
            return new AgainstSetting(Optional.of(Long.parseLong(matcher.group(1))), Optional.empty());
        }
        return new AgainstSetting(Optional.empty(), Optional.of("Configuration parameter " + KEY + " = '"
                + value.get() + "' does not name a recorded check. Write " + PREFIX + "<id> with the id of a check as"
                + " the `runs` or `history` command prints it, such as " + PREFIX + "12; or remove the setting to"
                + " compare with the baseline file."));
    }

    /** Whether checks are compared with a recorded check, or the setting is wrong: either way not with a baseline. */
    public boolean isSet() {
        return check.isPresent() || problem.isPresent();
    }

    /** The setting as a user writes it, for messages: {@code reprounit.against = check:12}. */
    public static String describe(long check) {
        return KEY + " = " + PREFIX + check;
    }
}
