package io.reprounit.it;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;

/** Malformed: step {@code count} takes an input that no step gives. */
@ReproducibleRun
class BrokenPipelineTest {

    @Step
    static String load() {
        return "a b c";
    }

    @Step
    static int count(@Input("lod") String text) {
        return text.length();
    }
}
