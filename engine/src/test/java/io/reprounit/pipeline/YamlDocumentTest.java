package io.reprounit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What a plain read of YAML gets wrong, refused with file and line; and what it gets right, kept. */
class YamlDocumentTest {

    @Test
    void aValidDocumentReadsAsAPlainReadWouldWithTheLineOfEveryKey() {
        String text = "seed: 3\nparams:\n  rate: 0.5\n  tags: [a, b]\nsteps:\n  train:\n    epochs: 10\n"
                + "    layers:\n      - {size: 4}\n";

        YamlDocument document = YamlDocument.read("C.yaml", text);

        assertThat(document.root()).isEqualTo(YAMLMapper.builder().build().readTree(text));
        assertThat(document.lines()).containsEntry("seed", 1).containsEntry("params.rate", 3)
                .containsEntry("params.tags", 4).containsEntry("steps.train.epochs", 7)
                .containsEntry("steps.train.layers", 8).doesNotContainKey("size")
                .doesNotContainKey("steps.train.layers.size");
        assertThat(YamlDocument.read("E.yaml", "").root().isMissingNode()).isTrue();
        assertThat(YamlDocument.read("E.yaml", "# only a comment\n").root().isMissingNode()).isTrue();
    }

    @Test
    void anAliasIsRefusedAtItsLineInsteadOfReadAsTheAnchorsName() {
        assertRefused("v: &v 3\nn: *v\n", "C.yaml:2: an alias (*v) is not supported");
        assertRefused("a: &m {b: 1}\nc:\n  d: *m\n", "C.yaml:3: an alias (*m)");
        assertRefused("a: [1, &x 2]\nb: [*x]\n", "C.yaml:2: an alias (*x)");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsSecondLineNamingTheFirst() {
        assertRefused("a: 1\nb: 2\na: 3\n", "C.yaml:3: the key 'a' is given twice in one mapping (first on line 1)");
        assertRefused("steps:\n  train:\n    n: 1\n  train:\n    n: 2\n", "C.yaml:4: the key 'train' is given twice");
        assertRefused("l:\n  - {k: 1, k: 2}\n", "C.yaml:2: the key 'k' is given twice");
    }

    @Test
    void theSameKeyInTwoMappingsIsNoRepetition() {
        YamlDocument document = YamlDocument.read("C.yaml", "a: {n: 1}\nb: {n: 2}\nl:\n  - n: 1\n  - n: 2\n");

        assertThat(document.root().path("b").path("n").asInt()).isEqualTo(2);
    }

    @Test
    void aTabIsReportedOnItsOwnLine() {
        assertRefused("a:\n  b: 1\n\tc: 2\n", "C.yaml:3: not valid YAML:", "TAB");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAtItsLine() {
        String flow = "a: 1\nb: " + "[".repeat(YamlDocument.MAX_DEPTH) + "]".repeat(YamlDocument.MAX_DEPTH) + "\n";
        assertRefused(flow, "C.yaml:2: nested more than " + YamlDocument.MAX_DEPTH + " levels deep");
        assertRefused("a: 1\nb: " + "[".repeat(5000) + "\n", "C.yaml:2: nested more than");

        StringBuilder block = new StringBuilder("top:\n");
        for (int i = 1; i <= YamlDocument.MAX_DEPTH; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        block.append("  ".repeat(YamlDocument.MAX_DEPTH + 1)).append("v: 1\n");
        assertRefused(block.toString(), "C.yaml:" + (YamlDocument.MAX_DEPTH + 1) + ": nested more than");
        assertThat(YamlDocument.read("C.yaml", "b: " + "[".repeat(YamlDocument.MAX_DEPTH - 1)
                + "]".repeat(YamlDocument.MAX_DEPTH - 1)).root().path("b").isArray()).isTrue();
    }

    @Test
    void aSecondDocumentIsRefusedWhereItStarts() {
        assertRefused("a: 1\n---\nb: 2\n", "C.yaml:3: a second YAML document starts here");
        assertRefused("just text\n---\nmore\n", "C.yaml:3: a second YAML document");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheirLine() {
        byte[] latin1 = "a: 1\nname: café\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> YamlDocument.read("C.yaml", latin1)).isInstanceOf(YamlFormatException.class)
                .hasMessageStartingWith("C.yaml:2: not UTF-8: byte 0xE9 at offset 14");
        assertThat(YamlDocument.read("C.yaml", "name: café\n".getBytes(StandardCharsets.UTF_8)).root()
                .path("name").asString()).isEqualTo("café");
        assertThat(YamlDocument.read("C.yaml", "\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_8)).root().path("a").asInt())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001B", "\u007F"})
    void aControlCharacterIsRefusedAtItsLine(String control) {
        assertRefused("a: 1\nb: x" + control + "y\n", "C.yaml:2: not valid YAML");
        assertRefused("a: 1\n# note " + control + "\n", "C.yaml:2: not valid YAML");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertRefused("a: 1\nb: [unclosed\nc: 2\n", "C.yaml:", "not valid YAML");
        assertRefused("a: 1\nb: \"open\n", "C.yaml:", "not valid YAML");
        assertRefused("? [1, 2]\n: x\n", "C.yaml:1: not valid YAML");
    }

    private static void assertRefused(String text, String... parts) {
        assertThatThrownBy(() -> YamlDocument.read("C.yaml", text)).isInstanceOf(YamlFormatException.class)
                .hasMessageStartingWith(parts[0]).message().contains(parts);
    }
}
