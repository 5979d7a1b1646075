package io.reprounit.cli;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.store.StoredCheck;
import io.reprounit.store.StoredRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code reproduce} needs of a recorded check: its pipeline class, the commit its first run's code came from, and
 * the parameter overrides that run was given. A check that cannot be reproduced is refused here, saying why.
 *
 * @param overrides system property to value (YAML), as the run was given them
 */
record RecordedCheck(long id, String pipeline, String pipelineClass, String run, String commit,
        Map<String, String> overrides) {

    /** How the engine names a parameter override ({@code ParamOverrides.PREFIX}); the cli does not see the engine. */
    static final String PARAM_PREFIX = "reprounit.param.";

    /** What the store records in place of a secret's value ({@code Secrets.SET}). */
    static final String SECRET = "(set)";

    /** Where one override starts in the {@code overrides} part: {@code , reprounit.param.} after the first. */
    private static final Pattern NEXT_OVERRIDE = Pattern.compile(", (?=" + Pattern.quote(PARAM_PREFIX) + ")");
    private static final String DIRTY = "-dirty";

    RecordedCheck {
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** @throws ReproduceRefusal where the check has no run, no commit, a dirty one, or a secret among its overrides */
    static RecordedCheck of(StoredCheck check) {
        if (check.runs().isEmpty()) {
            throw new ReproduceRefusal("Check " + check.id() + " of " + check.pipeline() + " has no run recorded: its"
                    + " JVM ended before the first one started. Reproduce another check (`runs` lists them).");
        }
        StoredRun first = check.runs().get(0);
        String commit = first.commit();
        if (commit == null) {
            throw new ReproduceRefusal("Check " + check.id() + " of " + check.pipeline() + " cannot be reproduced: its"
                    + " code is not in git (it was recorded outside a git working tree, so no commit was recorded)."
                    + " Record a check in a git working tree, then reproduce that one.");
        }
        if (commit.endsWith(DIRTY)) {
            throw new ReproduceRefusal("Check " + check.id() + " of " + check.pipeline() + " cannot be reproduced: its"
                    + " code is not in git: check " + check.id() + " was recorded on a working tree with uncommitted"
                    + " changes (commit " + commit + "); commit them and record a new check.");
        }
        Map<String, String> overrides = overrides(first);
        overrides.forEach((setting, value) -> {
            if (value.contains(SECRET)) {
                throw new ReproduceRefusal("Check " + check.id() + " of " + check.pipeline() + " cannot be reproduced"
                        + " as recorded: its override " + setting + " holds a secret, which the store records only as "
                        + SECRET + ". Reproduce it by hand with the secret: mvn test -Dtest=" + simpleName(
                        check.pipelineClass()) + " -Dreprounit.against=check:" + check.id() + " -D" + setting
                        + "=<value> (and every other override of the check, as `show " + first.id() + "` lists).");
            }
        });
        return new RecordedCheck(check.id(), check.pipeline(), check.pipelineClass(), first.id(), commit, overrides);
    }

    /** The overrides of {@code run}: its CONFIG part {@code overrides}, {@code <setting>=<value>, ...}. */
    static Map<String, String> overrides(StoredRun run) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (FingerprintPart part : run.fingerprint().parts()) {
            if (part.aspect() != Aspect.CONFIG || !part.name().equals("overrides")) {
                continue;
            }
            for (String override : NEXT_OVERRIDE.split(part.value())) {
                Matcher matcher = Pattern.compile("(" + Pattern.quote(PARAM_PREFIX) + "[^=]+)=(.*)", Pattern.DOTALL)
                        .matcher(override);
                if (!matcher.matches()) {
                    throw new ReproduceRefusal("Run " + run.id() + " recorded its overrides as '" + part.value()
                            + "', which do not read as " + PARAM_PREFIX + "<pipeline>.<step>.<key>=<value>: cannot"
                            + " pass them on.");
                }
                overrides.put(matcher.group(1), matcher.group(2));
            }
        }
        return overrides;
    }

    /** {@code com.example.IrisPipeline$Nested} is {@code com.example.IrisPipeline}: the class its source file is of. */
    static String topLevelClass(String pipelineClass) {
        int nested = pipelineClass.indexOf('$');
        return nested < 0 ? pipelineClass : pipelineClass.substring(0, nested);
    }

    static String simpleName(String pipelineClass) {
        String top = topLevelClass(pipelineClass);
        return top.substring(top.lastIndexOf('.') + 1);
    }

    /** The commit's short form, for messages. */
    String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
