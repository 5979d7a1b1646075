package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fork protocol's one format: what a test JVM writes, its forked JVM reads back the same, and the other way. */
class ForkJsonTest {

    @Test
    void stringsNumbersAndNestingReadBackAsWritten() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("quote\"and\\back", "line\nbreak\ttab\u0001ctl é 𝛑 \u2028");
        nested.put("big", Long.MAX_VALUE);
        nested.put("negative", -7);
        nested.put("none", null);
        nested.put("list", List.of("a", 1, true, List.of()));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("nested", nested);
        top.put("flag", false);

        String line = ForkJson.line(top);
        ForkJson.Node read = ForkJson.read(new StringReader(line));

        assertThat(line).doesNotContain("\n");
        ForkJson.Node back = read.node("nested");
        assertThat(back.text("quote\"and\\back")).isEqualTo("line\nbreak\ttab\u0001ctl é 𝛑 \u2028");
        assertThat(back.number("big")).isEqualTo(Long.MAX_VALUE);
        assertThat(back.number("negative")).isEqualTo(-7);
        assertThat(back.has("none")).isFalse();
        assertThat(back.textOrNull("none")).isNull();
        assertThat(back.texts("list")).containsExactly("a", "1", "true", "[]");
        assertThat(read.bool("flag")).isFalse();
        assertThat(read.fields().keySet()).containsExactly("nested", "flag");
    }

    @Test
    void aLineCutShortIsNotReadAsAnObject() {
        String line = ForkJson.line(Map.of("type", "step", "step", "train"));

        assertThatThrownBy(() -> ForkJson.read(new StringReader(line.substring(0, line.length() - 3))))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRequestReadsBackWhole() throws Exception {
        ForkedRunRequest request = new ForkedRunRequest("com.example.Pipeline",
                List.of(new ForkedRunRequest.StepMethod("load", "com.example.Pipeline", "load", List.of()),
                        new ForkedRunRequest.StepMethod("train", "com.example.Base", "train",
                                List.of("int", "[Ljava.lang.String;", "java.util.List"))),
                List.of("com.example.ModelMaterializer"), List.of("load", "train"), 2,
                List.of(new ForkedRunRequest.Override("train", "epochs", "reprounit.param.train.epochs", "40")),
                "/work/project", new java.util.TreeMap<>(Map.of("user.name", "ada", "secret.token", "s3cr\"et\n")),
                true, List.of("train"), 3, "/tmp/results.jsonl", "/work/artifacts", 1024, "reprounit.artifacts.max-size = 1KB",
                false, "s3://team-artifacts/reprounit", Map.of("endpoint", "http://127.0.0.1:9000", "path-style", "true"),
                List.of(new ForkedRunRequest.StoredInput("load", "ab12", "cd34", "application/x-reprounit-canonical", 1234)),
                Map.of("train", List.of(new io.reprounit.fingerprint.FingerprintPart(
                        io.reprounit.fingerprint.Aspect.CODE, "bytecode", "2 methods in 1 classes", "sha256:ab"))),
                "/work/project/target/test-classes:/m2/lib.jar");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        request.write(out);

        assertThat(ForkedRunRequest.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(request);
    }

    @Test
    void aRequestWithoutAStoreReadsBackWithoutOne() throws Exception {
        ForkedRunRequest request = new ForkedRunRequest("P", List.of(), null, List.of("a"), 1, List.of(), "/d",
                new java.util.TreeMap<>(), false, List.of(), 0, "/r", null, Long.MAX_VALUE, null, true, null, Map.of(), List.of(), Map.of(), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        request.write(out);

        assertThat(ForkedRunRequest.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(request);
    }

    @Test
    void anEmptyStandardInputSaysWhatStartsThisJvm() {
        assertThatThrownBy(() -> ForkedRunRequest.read(new ByteArrayInputStream(new byte[0])))
                .hasMessageContaining("started by ReproUnit's forked runs");
    }
}
