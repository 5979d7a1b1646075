package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.List;

/** A result stamped with who built it ({@code user.name}). */
@ReproducibleRun
@Case(kind = "user", culprit = "stamp", blamed = "user", checks = "all")
public class UserNameInOutput {

    @Step
    static List<Integer> rows() {
        return List.of(2, 7, 1, 8);
    }

    @Step
    static String stamp(@Input("rows") List<Integer> rows) {
        return rows.size() + " rows, built by " + System.getProperty("user.name");
    }

    @Step
    static int length(@Input("stamp") String stamp) {
        return stamp.length();
    }
}
