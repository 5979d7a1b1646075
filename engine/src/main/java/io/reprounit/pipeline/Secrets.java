package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one rule for what is a secret, and how a value that may hold one is recorded: in fingerprint parts, the store,
 * baselines, reports and the files of a forked run. Two kinds of secret are recognised.
 *
 * <p>A <em>secret-looking name</em> — of an environment variable, a system property, a configuration key at any depth,
 * a parameter override — has its value recorded only as {@value #SET}, never in clear and never as a digest of it: a
 * digest of a short password can be reversed by trying guesses, and a keyed digest would differ between machines, so
 * that a committed baseline would differ on every machine that has other credentials (a secret gives access to data;
 * what the data is, the data parts record). A name looks secret where its letters contain PASSWORD, PASSWD,
 * PASSPHRASE, SECRET, CREDENTIAL, PRIVATE, COOKIE, SESSION, APIKEY or AUTHORIZATION, or where one of its words (split
 * at punctuation, digits and camel case) ends in TOKEN, KEY, AUTH, PWD, PASS, CREDS or CERT: {@code apiKey},
 * {@code DB_PASSWORD}, {@code GITHUB_TOKEN}, {@code oauth}, but not {@code maxTokens}, {@code tokenizer},
 * {@code author} or {@code uncertainty}. It errs on the side of secrecy: {@code keyColumn} looks secret too.
 *
 * <p>A <em>password in a value</em>, whatever its name: a URL's user info ({@code https://user:pass@host},
 * {@code jdbc:postgresql://user:pass@host/db}, Oracle's {@code jdbc:oracle:thin:user/pass@host}) and a secret-named
 * {@code name=value} in a query string or an option ({@code ?password=…}, {@code ;password=…}, {@code -Ddb.token=…})
 * are replaced by {@value #REDACTED}, and the rest of the value kept.
 */
@API(status = INTERNAL, since = "0.1")
public final class Secrets {

    /** What a secret-named value is recorded as: that it has a value, nothing of what it is. */
    public static final String SET = "(set)";

    /** What replaces a secret inside a text that is otherwise kept. */
    public static final String REDACTED = "(redacted)";

    private static final List<String> ANYWHERE = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "CREDENTIAL",
            "PRIVATE", "COOKIE", "SESSION", "APIKEY", "AUTHORIZATION");
    private static final List<String> WORD_ENDINGS = List.of("TOKEN", "KEY", "AUTH", "PWD", "PASS", "CREDS", "CERT");
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^A-Za-z]");

    /** A word: a run of capitals not followed by a small letter, or an optional capital and small letters. */
    private static final Pattern WORD = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+");

    /** {@code scheme://user-info@}: the user info runs to the last {@code @} before the host's end. */
    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^\\s/?#\"'<>]*)@");
    private static final Pattern ORACLE_USER_INFO = Pattern.compile("(jdbc:oracle:[A-Za-z0-9]+:)([^\\s/@:]+)/([^\\s@]+)@");
    private static final Pattern NAME_VALUE =
            Pattern.compile("([A-Za-z0-9_.\\-]+)=(\"[^\"]*\"?|'[^']*'?|[^\\s&;\"']*)");

    private Secrets() {}

    /** Whether values under this name are secrets: see the class comment for the rule. */
    public static boolean looksSecret(String name) {
        String letters = NOT_A_LETTER.matcher(name).replaceAll("").toUpperCase(Locale.ROOT);
        for (String marker : ANYWHERE) {
            if (letters.contains(marker)) {
                return true;
            }
        }
        Matcher words = WORD.matcher(name);
        while (words.find()) {
            String word = words.group().toUpperCase(Locale.ROOT);
            for (String ending : WORD_ENDINGS) {
                if (word.endsWith(ending)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value recorded for {@code name}: {@value #SET} where the name looks secret, else the value redacted. */
    public static String recorded(String name, String value) {
        return looksSecret(name) ? SET : redact(value);
    }

    /**
     * {@code text} with every password in it replaced by {@value #REDACTED}: the password of each URL's user info, and
     * the value of each {@code name=value} whose name looks secret.
     */
    public static String redact(String text) {
        if (text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text; // the common case, without a regular expression
        }
        String redacted = replace(URL_USER_INFO, text, match -> {
            String userInfo = match.group(2);
            int colon = userInfo.indexOf(':');
            return colon < 0 ? match.group() : match.group(1) + userInfo.substring(0, colon + 1) + REDACTED + "@";
        });
        redacted = replace(ORACLE_USER_INFO, redacted, match -> match.group(1) + match.group(2) + "/" + REDACTED + "@");
        return replace(NAME_VALUE, redacted, match -> looksSecret(match.group(1)) && !match.group(2).isEmpty()
                ? match.group(1) + "=" + REDACTED : match.group());
    }

    /**
     * A command-line argument as it may be recorded: a {@code -Dname=value} or {@code --name=value} whose name looks
     * secret loses its whole value (one argument may hold spaces), any other keeps all but its passwords.
     */
    public static String redactArgument(String argument) {
        int equals = argument.indexOf('=');
        if (equals > 0 && (argument.startsWith("-D") || argument.startsWith("--"))
                && looksSecret(argument.substring(0, equals))) {
            return argument.substring(0, equals + 1) + REDACTED;
        }
        return redact(argument);
    }

    /** Whether a system property {@code name=value} holds a secret: a secret-looking name, or a password in the value. */
    public static boolean holdsSecret(String name, String value) {
        return looksSecret(name) || !redact(value).equals(value);
    }

    /**
     * A configuration value as it may be recorded: {@value #SET} where its key looks secret; otherwise, at any depth, the
     * value of every secret-named key {@value #SET} and every text redacted. The node itself where nothing is secret.
     */
    public static JsonNode recorded(String key, JsonNode value) {
        return looksSecret(key) ? JsonNodeFactory.instance.stringNode(SET) : redacted(value);
    }

    private static JsonNode redacted(JsonNode node) {
        if (node.isString()) {
            String text = node.asString();
            String redacted = redact(text);
            return redacted.equals(text) ? node : JsonNodeFactory.instance.stringNode(redacted);
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            boolean changed = false;
            for (JsonNode element : node) {
                JsonNode recorded = redacted(element);
                changed |= recorded != element;
                elements.add(recorded);
            }
            if (!changed) {
                return node;
            }
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            boolean changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode recorded = recorded(field.getKey(), field.getValue());
                changed |= recorded != field.getValue();
                copy.set(field.getKey(), recorded);
            }
            return changed ? copy : node;
        }
        return node;
    }

    /**
     * A message about the value {@code value} of {@code key}, such as why it cannot be converted, as it may be shown: every
     * text that {@link #recorded(String, JsonNode)} would hide replaced by {@value #REDACTED}, and passwords redacted.
     * A discovery error ends up in build reports, which are files too.
     */
    public static String withoutSecrets(String message, String key, JsonNode value) {
        List<String> hidden = new ArrayList<>();
        hiddenTexts(value, looksSecret(key), hidden);
        hidden.sort(java.util.Comparator.comparingInt(String::length).reversed()); // "ab" before its part "a"
        String shown = message;
        for (String text : hidden) {
            shown = text.isEmpty() ? shown : shown.replace(text, REDACTED);
        }
        return redact(shown);
    }

    private static void hiddenTexts(JsonNode node, boolean secret, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> hiddenTexts(field.getValue(), secret || looksSecret(field.getKey()), into));
        } else if (node.isArray()) {
            node.forEach(element -> hiddenTexts(element, secret, into));
        } else if (secret) {
            into.add(node.asString());
        }
    }

    /**
     * A pipeline's YAML configuration as it may be recorded: every value of a secret-named key, and what is nested
     * under it, replaced by {@value #REDACTED}, and every other line's passwords redacted; line for line, so that a
     * line number in a message still points at the line.
     */
    public static String redactConfig(String yaml) {
        return ConfigTextRedaction.redact(yaml);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        do {
            String replaced = replacement.apply(matcher);
            changed |= !replaced.equals(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replaced));
        } while (matcher.find());
        matcher.appendTail(out);
        return changed ? out.toString() : text;
    }
}
