package io.reprounit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.testsupport.MavenBuild;
import io.reprounit.testsupport.PostgresServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin's goals over a team's store in a real PostgreSQL server, as a user sets it up: the project adds the
 * driver for its tests, {@code mvn test} records there with the password from {@code REPROUNIT_STORE_PASSWORD}, and
 * {@code mvn reprounit:…} reads it back with the same URL; nothing prints or writes the password.
 */
class PostgresStorePluginIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String PIPELINE = "WordCountPipelineTest";

    @Test
    void theGoalsReadWhatTheTestsRecordedInPostgres() throws Exception {
        String withPassword = PostgresServer.shared().newDatabase();
        String url = withPassword.replace("&password=" + PostgresServer.PASSWORD, "");
        assertThat(url).doesNotContain(PostgresServer.PASSWORD);
        MavenBuild build = MavenBuild.ofFixture("plugin-postgres", TIMEOUT).inGitRepository()
                .withEnvironmentVariable("REPROUNIT_STORE_PASSWORD", PostgresServer.PASSWORD);

        MavenBuild.Result test = build.run("test", "-Dreprounit.store.url=" + url);
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.project().resolve(".reprounit/metadata.db")).as("nothing in a local SQLite store")
                .doesNotExist();

        MavenBuild.Result runs = build.run("reprounit:runs", "-Dstore=" + url);
        assertThat(runs.exitCode()).as(runs.output()).isZero();
        Matcher check = Pattern.compile("\\[INFO\\] (\\d+) +\\S+ \\S+ +" + PIPELINE + " .*REPRODUCED")
                .matcher(runs.output());
        assertThat(check.find()).as(runs.output()).isTrue();
        String run = check.group(1) + ".1";

        MavenBuild.Result history = build.run("reprounit:history", "-Dpipeline=" + PIPELINE, "-Dstore=" + url);
        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(history.output()).contains("[INFO] " + PIPELINE + ": 1 checks recorded").contains(" countWords ");

        MavenBuild.Result show = build.run("reprounit:show", "-Drun=" + run, "-Dstore=" + url);
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).contains("Run " + run + " of " + PIPELINE).contains("[INFO] countWords ")
                .contains("git.commit");

        MavenBuild.Result output = build.run("reprounit:output", "-Drun=" + run, "-Dstep=countWords",
                "-Dfile=counts.txt", "-Dstore=" + url);
        assertThat(output.exitCode()).as(output.output()).isZero();
        assertThat(Files.readString(output.project().resolve("counts.txt"))).contains("quick").contains("lazy");

        MavenBuild.Result verify = build.run("reprounit:verify", "-Dstore=" + url);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Every artifact is intact.");

        for (MavenBuild.Result result : new MavenBuild.Result[] {test, runs, history, show, output, verify}) {
            assertThat(result.output()).as("the password is never printed").doesNotContain(PostgresServer.PASSWORD);
        }
        assertThat(PostgresServer.shared().sql(database(url), "SELECT count(*) FROM checks").strip()).isEqualTo("1");

        MavenBuild.Result wrong = build.withEnvironmentVariable("REPROUNIT_STORE_PASSWORD", "not-the-password")
                .run("reprounit:runs", "-Dstore=" + url);
        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("127.0.0.1").doesNotContain("\tat ").doesNotContain("not-the-password");
    }

    /** The database's name in {@code jdbc:postgresql://host:port/<name>?user=…}. */
    private static String database(String url) {
        Matcher name = Pattern.compile("/([^/?]+)\\?").matcher(url);
        assertThat(name.find()).as(url).isTrue();
        return name.group(1);
    }
}
