package io.reprounit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The one rule for secrets: which names hold them, and how values that may hold them are recorded. */
class SecretsTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void namesThatLookSecret() {
        assertThat(List.of("password", "dbPassword", "DB_PASSWORD", "PGPASSWORD", "apiKey", "API_KEY", "apikey",
                "x-api-key", "GITHUB_TOKEN", "HF_TOKEN", "accessToken", "token2", "oauth", "AUTH", "clientSecret",
                "sessionCookie", "db.pass", "MYSQL_PWD", "sshKey", "privateKeyPath", "AWS_SECRET_ACCESS_KEY",
                "GOOGLE_APPLICATION_CREDENTIALS", "tlsCert", "passphrase", "STRIPE_KEY_LIVE", "AUTH_HEADER",
                "HTTP_AUTHORIZATION", "dbCreds"))
                .allSatisfy(name -> assertThat(Secrets.looksSecret(name)).as(name).isTrue());
    }

    /** Words that only contain a marker are parameters an ML pipeline has every day: their changes must show. */
    @Test
    void namesThatOnlyContainAMarkerAreNotSecret() {
        assertThat(List.of("maxTokens", "tokenizer", "keys", "author", "uncertainty", "size", "seed",
                "greeting", "url", "user", "TOKENIZERS_PARALLELISM", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES", "java.version", "epochs"))
                .allSatisfy(name -> assertThat(Secrets.looksSecret(name)).as(name).isFalse());
        assertThat(Secrets.looksSecret("keyColumn")).as("the rule errs on the side of secrecy").isTrue();
    }

    @Test
    void thePasswordOfAUrlsUserInfoIsRedacted() {
        assertThat(Secrets.redact("https://user:hunter2@example.com/x"))
                .isEqualTo("https://user:(redacted)@example.com/x");
        assertThat(Secrets.redact("jdbc:postgresql://loader:s3cr3t@db:5432/warehouse?ssl=true"))
                .isEqualTo("jdbc:postgresql://loader:(redacted)@db:5432/warehouse?ssl=true");
        assertThat(Secrets.redact("mongodb+srv://u:p%40ss@cluster0/db")).isEqualTo("mongodb+srv://u:(redacted)@cluster0/db");
        assertThat(Secrets.redact("redis://:onlypass@cache:6379")).isEqualTo("redis://:(redacted)@cache:6379");
        assertThat(Secrets.redact("https://u:pa@ss@host/p")).as("an unencoded @ in the password")
                .isEqualTo("https://u:(redacted)@host/p");
        assertThat(Secrets.redact("jdbc:oracle:thin:scott/tiger@dbhost:1521:orcl"))
                .isEqualTo("jdbc:oracle:thin:scott/(redacted)@dbhost:1521:orcl");
        assertThat(Secrets.redact("two: ftp://a:b@h1 and http://c:d@h2/"))
                .isEqualTo("two: ftp://a:(redacted)@h1 and http://c:(redacted)@h2/");
    }

    @Test
    void secretNamedValuesInQueryStringsAndOptionsAreRedacted() {
        assertThat(Secrets.redact("https://api.example.com/v1?user=ann&api_key=k-123&page=2"))
                .isEqualTo("https://api.example.com/v1?user=ann&api_key=(redacted)&page=2");
        assertThat(Secrets.redact("jdbc:sqlserver://db;user=sa;password=Pa55;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=(redacted);encrypt=true");
        assertThat(Secrets.redact("-Xmx1g -Dservice.token=abc -Dmode=fast -Dpass=\"a b\""))
                .isEqualTo("-Xmx1g -Dservice.token=(redacted) -Dmode=fast -Dpass=(redacted)");
    }

    @Test
    void textWithoutSecretsIsKeptAsItIs() {
        for (String text : List.of("https://example.com/data.csv", "ann@example.com", "a=b&c=d", "jdbc:sqlite:x.db",
                "user@host:/path", "")) {
            assertThat(Secrets.redact(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void aSecretLookingArgumentLosesItsWholeValueAndOthersTheirPasswords() {
        assertThat(Secrets.redactArgument("-Ddb.password=hunter2")).isEqualTo("-Ddb.password=(redacted)");
        assertThat(Secrets.redactArgument("-Ddb.password=two words")).isEqualTo("-Ddb.password=(redacted)");
        assertThat(Secrets.redactArgument("--api-token=abc")).isEqualTo("--api-token=(redacted)");
        assertThat(Secrets.redactArgument("-Ddb.url=jdbc:postgresql://u:pw1@h/db"))
                .isEqualTo("-Ddb.url=jdbc:postgresql://u:(redacted)@h/db");
        assertThat(Secrets.redactArgument("-Xmx2g")).isEqualTo("-Xmx2g");
        assertThat(Secrets.redactArgument("-Duser.timezone=UTC")).isEqualTo("-Duser.timezone=UTC");
    }

    @Test
    void aSecretNamedConfigurationValueIsRecordedAsSetAtAnyDepth() {
        JsonNode node = YAML.readTree("{user: ann, password: pw-1, hosts: [\"https://a:pw-2@h\"], nested: {token: t-3}}");

        assertThat(Secrets.recorded("password", node).asString()).isEqualTo("(set)");
        String recorded = Secrets.recorded("connection", node).toString();
        assertThat(recorded).doesNotContain("pw-1", "pw-2", "t-3").contains("\"user\":\"ann\"", "\"password\":\"(set)\"",
                "https://a:(redacted)@h", "\"token\":\"(set)\"");
        JsonNode plain = YAML.readTree("{user: ann, size: 3}");
        assertThat(Secrets.recorded("connection", plain)).as("nothing to redact: the node itself").isSameAs(plain);
    }

    @Test
    void aConfigurationTextIsRedactedLineForLine() {
        String yaml = """
                seed: 7
                params:
                  user: ann
                  password: pw-1   # the loader's
                  "apiKey": 'k-2'
                  url: jdbc:postgresql://ann:pw-3@db/warehouse
                  connection: {host: db, password: pw-4, port: 5432}
                  privateKey: |
                    -----BEGIN KEY-----
                    pw-5

                    -----END KEY-----
                  credentials:
                    user: bob
                    secret: pw-6
                  size: 3
                # password: pw-7
                apiKeys:
                - pw-9
                - pw-10
                steps:
                  load:
                    - token: pw-8
                      limit: 10
                """;

        String redacted = Secrets.redactConfig(yaml);

        assertThat(redacted).doesNotContain("pw-1", "k-2", "pw-3", "pw-4", "pw-5", "pw-6", "pw-7", "pw-8", "pw-9", "pw-10",
                "BEGIN");
        assertThat(redacted.split("\n", -1)).as("line for line").hasSameSizeAs(yaml.split("\n", -1));
        assertThat(redacted).contains("  password: (redacted)\n", "  \"apiKey\": (redacted)\n",
                "  url: jdbc:postgresql://ann:(redacted)@db/warehouse\n",
                "  connection: {host: db, password: (redacted), port: 5432}\n", "  privateKey: (redacted)\n",
                "    (redacted)\n\n", "  size: 3\n", "# password: (redacted)\n", "apiKeys:\n- (redacted)\n- (redacted)\nsteps:\n", "    - token: (redacted)\n",
                "      limit: 10\n", "seed: 7\n", "  user: ann\n");
        JsonNode parsed = YAML.readTree(redacted);
        assertThat(parsed.path("params").path("size").asInt()).as("still YAML, with the other values").isEqualTo(3);
        assertThat(parsed.path("steps").path("load").get(0).path("limit").asInt()).isEqualTo(10);
    }

    @Test
    void aConfigurationWithoutSecretsIsKeptExactly() {
        String yaml = "seed: 7\r\nparams:\r\n  size: 3\r\n  url: https://example.com/x.csv\r\n";

        assertThat(Secrets.redactConfig(yaml)).isEqualTo(yaml);
    }
}
