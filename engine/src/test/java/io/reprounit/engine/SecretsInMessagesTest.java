package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.secrets.MistypedSecrets;
import io.reprounit.engine.fixtures.secrets.Warehouse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;

/**
 * A discovery error ends up in the IDE, Surefire's reports and CI logs: one about a secret says what is wrong with it
 * without quoting it.
 */
class SecretsInMessagesTest {

    @Test
    void aSecretOfTheWrongTypeIsReportedWithoutItsValue() {
        List<DiscoveryIssue> issues = ReproUnitKit.discover(selectClass(MistypedSecrets.class)).getDiscoveryIssues();

        String messages = issues.stream().map(DiscoveryIssue::message).reduce("", String::concat);
        assertThat(messages).contains("params.password cannot be given to step 'connect'")
                .contains("params.connection cannot be given").contains("params.endpoint cannot be given")
                .contains("(redacted)")
                .doesNotContain("typed-password-6120", "typed-token-7731", "typed-url-password-8802");
        assertThat(messages).as("what is not secret is still shown, to help").contains("db.example.com");
    }

    @Test
    void anOverrideOfASecretThatIsNotYamlIsReportedWithoutItsValue() {
        List<DiscoveryIssue> issues = ReproUnitKit.engine()
                .configurationParameter(Constants.PARAM_OVERRIDE_PREFIX + "Warehouse.connect.apiKey",
                        "[override-secret-3390")
                .selectors(selectClass(Warehouse.class)).discover().getDiscoveryIssues();

        String messages = issues.stream().map(DiscoveryIssue::message).reduce("", String::concat);
        assertThat(messages).contains("reprounit.param.Warehouse.connect.apiKey is not a valid YAML value")
                .doesNotContain("override-secret-3390");
    }
}
