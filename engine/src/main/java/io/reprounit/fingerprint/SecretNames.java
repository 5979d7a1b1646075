package io.reprounit.fingerprint;

import java.util.List;
import java.util.Locale;

/**
 * Names that look like they hold secrets. Their values are never recorded anywhere — not in the store, a baseline, a
 * report or a log — only whether they are present.
 */
final class SecretNames {

    private static final List<String> MARKERS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE",
            "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "SESSION", "COOKIE", "CERT");

    private SecretNames() {}

    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (upper.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A JVM argument with any secret-looking {@code -Dname=value} or {@code --name=value} value replaced, since
     * arguments such as {@code -Ddb.password=…} are common in test set-ups.
     */
    static String redactArgument(String argument) {
        int equals = argument.indexOf('=');
        if (equals > 0 && (argument.startsWith("-D") || argument.startsWith("--")) && looksSecret(argument.substring(0, equals))) {
            return argument.substring(0, equals + 1) + "(redacted)";
        }
        return argument;
    }
}
