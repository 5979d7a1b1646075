package io.reprounit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.jupiter.PipelineCheck;
import io.reprounit.jupiter.StepCheck;
import org.apiguardian.api.API;

/**
 * Entry point for AssertJ assertions on ReproUnit's check results, in AssertJ's style:
 *
 * <pre>{@code
 * import static io.reprounit.assertj.ReproUnitAssertions.assertThat;
 *
 * assertThat(ReproUnit.check(IrisPipeline.class)).isReproducible();
 * assertThat(check).step("train").diverged().hasExplanationContaining("not reproducible");
 * assertThat(checkAgainstBaseline).step("train").changed().changedBy(Aspect.CONFIG);
 * }</pre>
 *
 * <p>The methods are named {@code assertThat} so that they sit beside AssertJ's own static imports; Java picks the
 * overload by the argument's type.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReproUnitAssertions {

    private ReproUnitAssertions() {}

    public static PipelineCheckAssert assertThat(PipelineCheck actual) {
        return new PipelineCheckAssert(actual);
    }

    public static StepCheckAssert assertThat(StepCheck actual) {
        return new StepCheckAssert(actual);
    }
}
