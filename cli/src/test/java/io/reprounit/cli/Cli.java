package io.reprounit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line run in this JVM, its output kept. */
final class Cli {

    private Cli() {}

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ReproUnitCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Output(status, out.toString(), err.toString());
    }

    record Output(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() {
            return JsonMapper.builder().build().readTree(out);
        }
    }
}
