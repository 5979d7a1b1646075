package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.Digests;
import io.reprounit.engine.fixtures.secrets.Warehouse;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Credentials in a pipeline's configuration, its parameter overrides and the environment are used by the steps and
 * recorded nowhere: not in the metadata store's file, not in the baseline, not in a report entry, not among the
 * artifacts.
 */
class SecretsNeverRecordedTest {

    /** In Warehouse.yaml, an override, and the environment Surefire gives this JVM (see the engine's pom). */
    private static final List<String> SECRETS = List.of("yaml-password-4417", "yaml-apikey-8812", "url-password-2290",
            "nested-token-5531", "override-password-6674", "override-url-pass-3141", "hunter2-do-not-record",
            "file-secret-9917", Digests.sha256("file-secret-9917").substring(Digests.PREFIX.length()));

    @TempDir
    Path directory;

    @Test
    void secretsOfTheConfigurationOverridesAndEnvironmentAreRecordedNowhere() throws Exception {
        assertThat(System.getenv("REPROUNIT_TEST_API_TOKEN")).as("set by the engine's pom").isEqualTo("hunter2-do-not-record");
        String url = "jdbc:sqlite:" + directory.resolve("store/metadata.db");
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Constants.STORE_URL_PROPERTY_NAME, url);
        parameters.put(Constants.BASELINE_MODE_PROPERTY_NAME, "update");
        parameters.put(Constants.BASELINE_DIR_PROPERTY_NAME, directory.resolve("baselines").toString());
        parameters.put("reprounit.ci", "false");
        parameters.put(Constants.ENVIRONMENT_VARIABLES_PROPERTY_NAME, "REPROUNIT_TEST_API_TOKEN,REPROUNIT_TEST_PLAIN");
        parameters.put("reprounit.param.Warehouse.connect.password", "override-password-6674");
        parameters.put("reprounit.param.Warehouse.connect.url", "https://loader:override-url-pass-3141@api.example.com/v1");
        Path keyFile = Files.writeString(Files.createDirectories(directory.resolve("secrets")).resolve("key.txt"),
                "file-secret-9917");
        parameters.put("reprounit.param.Warehouse.connect.keyFile", keyFile.toString());

        EngineExecutionResults results = EngineTestKit.engine(Constants.ENGINE_ID)
                .enableImplicitConfigurationParameters(true)
                .configurationParameters(parameters)
                .selectors(selectClass(Warehouse.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        Map<String, String> entries = new HashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .forEach(pairs -> {
                    assertThat(pairs.toString()).as("a report entry").doesNotContain(SECRETS);
                    entries.putAll(pairs);
                });
        assertThat(entries).containsEntry("reprounit.config.param.apiKey", "(set)")
                .containsEntry("reprounit.data." + keyFile.toString().replace('\\', '/'), "(set)")
                .containsEntry("reprounit.environment.env.REPROUNIT_TEST_API_TOKEN", "(set)")
                .containsEntry("reprounit.environment.env.REPROUNIT_TEST_PLAIN", "plain-value");
        assertThat(entries.get("reprounit.config.param.password"))
                .startsWith("(set) (from reprounit.param.Warehouse.connect.password) ");
        assertThat(entries.get("reprounit.config.param.connection"))
                .startsWith("{ \"host\": \"db.example.com\", \"token\": \"(set)\" } ");
        assertThat(entries.get("reprounit.config.param.url")).as("the rest of a URL stays, to explain a change")
                .startsWith("\"https://loader:(redacted)@api.example.com/v1\"");

        Path baseline = directory.resolve("baselines/Warehouse.yaml");
        assertThat(Files.readString(baseline)).contains("(set)");
        try (MetadataStore store = MetadataStore.open(url, Constants.STORE_URL_PROPERTY_NAME)) {
            StoredRun run = store.run(store.checks("Warehouse", 1).get(0).runs().get(0));
            String yaml = Files.readString(Path.of(getClass().getResource("fixtures/secrets/Warehouse.yaml").toURI()));
            assertThat(run.configText()).as("the configuration is kept line for line, its secrets redacted")
                    .isEqualTo(yaml.replace("yaml-password-4417", "(redacted)").replace("yaml-apikey-8812", "(redacted)")
                            .replace("url-password-2290", "(redacted)").replace("nested-token-5531", "(redacted)")
                            .replace("no-such-file.key", "(redacted)"));
        }
        assertThat(SecretScan.assertNoneIn(directory.resolve("store"), SECRETS)).as("files read: store, artifacts")
                .isGreaterThanOrEqualTo(2);
        SecretScan.assertNoneIn(directory.resolve("baselines"), SECRETS);
        assertThat(directory.resolve("store/artifacts")).isDirectory();
    }

    /**
     * What only a JVM of its own shows: {@code -D} options and {@code JAVA_TOOL_OPTIONS} in the VM's arguments, and
     * chosen environment variables, one of them a database URL with a password.
     */
    @Test
    void secretsInTheJvmsOptionsAndEnvironmentAreRecordedNowhere() throws Exception {
        List<String> secrets = List.of("jvm-password-7781", "jvm-url-pass-1203", "tool-token-9034", "tool-url-pass-4477",
                "env-url-pass-5520", "env-token-6161");
        Path records = Files.createDirectories(directory.resolve("records"));
        Path work = Files.createDirectories(directory.resolve("work"));
        Path output = Files.createDirectories(directory.resolve("output"));
        Map<String, String> parameters = Map.of(Constants.STORE_URL_PROPERTY_NAME,
                "jdbc:sqlite:" + records.resolve("metadata.db"), Constants.BASELINE_MODE_PROPERTY_NAME, "update",
                Constants.BASELINE_DIR_PROPERTY_NAME, records.resolve("baselines").toString(), "reprounit.ci", "false",
                Constants.ENVIRONMENT_VARIABLES_PROPERTY_NAME, "DATABASE_URL,SERVICE_TOKEN");

        Process process = EngineProcess.start(work, output,
                List.of("-Dwarehouse.db.password=jvm-password-7781",
                        "-Dwarehouse.db.url=jdbc:postgresql://loader:jvm-url-pass-1203@db/w"),
                Map.of("JAVA_TOOL_OPTIONS", "-Dwarehouse.tool.token=tool-token-9034"
                                + " -Dwarehouse.mirror=https://m:tool-url-pass-4477@mirror.example.com/",
                        "DATABASE_URL", "postgres://app:env-url-pass-5520@db/app", "SERVICE_TOKEN", "env-token-6161"),
                Warehouse.class, parameters);

        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("the JVM ended").isTrue();
        String stdout = Files.readString(output.resolve("stdout.txt"));
        assertThat(process.exitValue()).as(stdout + Files.readString(output.resolve("stderr.txt"))).isZero();
        assertThat(stdout).contains("[step:load] SUCCESSFUL", "-Dwarehouse.db.password=(redacted)",
                "-Dwarehouse.db.url=jdbc:postgresql://loader:(redacted)@db/w", "-Dwarehouse.tool.token=(redacted)",
                "-Dwarehouse.mirror=https://m:(redacted)@mirror.example.com/",
                "reprounit.environment.env.DATABASE_URL=postgres://app:(redacted)@db/app",
                "reprounit.environment.env.SERVICE_TOKEN=(set)").doesNotContain(secrets);
        assertThat(SecretScan.assertNoneIn(records, secrets)).isGreaterThanOrEqualTo(3);
        SecretScan.assertNoneIn(work, secrets);
    }
}
