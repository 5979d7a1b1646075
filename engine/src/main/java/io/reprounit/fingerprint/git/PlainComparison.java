package io.reprounit.fingerprint.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether git compares the files of a repository by their plain bytes and executable bit, as {@link IndexStatus}
 * does: no attributes (line endings, filters, diff drivers), and no configuration that changes how a file is read or
 * which files count (automatic line endings, ignored file modes, case-insensitive names, included files, sparse or
 * linked work trees). Read as text, conservatively: whatever is not plainly harmless counts as not plain, which only
 * costs a JGit status.
 */
final class PlainComparison {

    private PlainComparison() {}

    static boolean holds(Path git, GitIndex index) {
        if (Files.exists(git.resolve("info/attributes")) || Files.exists(git.resolve("info/sparse-checkout"))) {
            return false;
        }
        for (GitIndex.Entry entry : index.entries()) {
            if (entry.path().equals(".gitattributes") || entry.path().endsWith("/.gitattributes")) {
                return false;
            }
        }
        String home = System.getProperty("user.home", "");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? Path.of(home, ".config") : Path.of(xdg);
        if (Files.exists(config.resolve("git/attributes"))) {
            return false;
        }
        for (Path file : List.of(git.resolve("config"), Path.of(home, ".gitconfig"), config.resolve("git/config"),
                Path.of("/etc/gitconfig"))) {
            try {
                if (Files.isRegularFile(file) && !plain(Files.readAllLines(file, StandardCharsets.UTF_8))) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** Whether a configuration file leaves the comparison plain. */
    static boolean plain(List<String> lines) {
        for (String raw : lines) {
            String line = raw.strip().toLowerCase(Locale.ROOT);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (line.startsWith("[include") || line.startsWith("[filter")) {
                    return false; // more configuration elsewhere, or a content filter
                }
                continue;
            }
            int equals = line.indexOf('=');
            String key = (equals < 0 ? line : line.substring(0, equals)).strip();
            String value = equals < 0 ? "true" : unquoted(line.substring(equals + 1).strip());
            boolean yes = List.of("true", "yes", "on", "1").contains(value);
            boolean no = List.of("false", "no", "off", "0").contains(value);
            boolean harmful = switch (key) {
                case "autocrlf" -> !no;
                case "eol", "attributesfile", "worktree", "excludesfile" -> true;
                case "filemode", "symlinks" -> no;
                case "ignorecase", "precomposeunicode", "sparsecheckout", "sparsecheckoutcone", "untrackedcache",
                        "fsmonitor" -> yes;
                default -> false;
            };
            if (harmful) {
                return false;
            }
        }
        return true;
    }

    private static String unquoted(String value) {
        int comment = value.indexOf(" #");
        String bare = comment < 0 ? value : value.substring(0, comment).strip();
        return bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"") ? bare.substring(1, bare.length() - 1)
                : bare;
    }
}
