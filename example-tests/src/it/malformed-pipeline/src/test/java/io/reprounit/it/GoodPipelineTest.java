package io.reprounit.it;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;

/** Reproducible: both steps pass, whatever the pipeline beside it does. */
@ReproducibleRun
class GoodPipelineTest {

    @Step
    static String load() {
        return "a b c";
    }

    @Step
    static int count(@Input("load") String text) {
        return text.length();
    }
}
