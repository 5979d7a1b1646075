package io.reprounit.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs a Jupiter test method several times and fails when what it produced differs between runs. The method hands its
 * results to an injected {@link Outputs} parameter; every run after the first is compared with the first, output by
 * output, by the digest of each output's canonical form.
 *
 * <pre>{@code
 * @ReproducibleTest(runs = 3)
 * void trainsTheSameModel(Outputs outputs) {
 *     Model model = Trainer.train(dataset, 42);
 *     outputs.record("model", model.weights());
 *     outputs.record("accuracy", model.accuracy(testSet));
 * }
 * }</pre>
 *
 * <h2>Why a test template</h2>
 *
 * The method is a {@link TestTemplate} with one invocation per run, rather than one test whose interceptor calls the
 * method again and again. That way Jupiter itself gives every run what a run must have: a fresh test instance,
 * {@code @BeforeEach} and {@code @AfterEach} around it, its own parameters, timeouts and extensions; and an IDE shows a
 * node per run ("run 1 of 3", "run 2 of 3", …), so a failure sits on the run that did not reproduce, with the IDE's diff
 * view between the first run's output and that run's. An interceptor calling {@code proceed()} several times would
 * bypass the lifecycle (same instance, no {@code @BeforeEach} between calls), which is exactly what must not leak from
 * one run into the next.
 *
 * <h2>What fails, and how</h2>
 *
 * <ul>
 *   <li>An output that differs from the first run's fails that run with an {@code AssertionFailedError} naming the
 *       output, with both outputs rendered as expected (run 1) and actual (this run).</li>
 *   <li>A run that records other output names than the first run fails, listing both sets of names.</li>
 *   <li>A method that throws fails with what it threw; the later runs are then skipped, having nothing to compare
 *       with.</li>
 *   <li>A run that records nothing fails: there is nothing to compare.</li>
 *   <li>An output of a type that cannot be put in canonical form fails where it is recorded, naming the output, its
 *       type and why, as the materializers say.</li>
 *   <li>{@code null} is a value like any other: see {@link Outputs#record}.</li>
 * </ul>
 *
 * <p>The test class must keep Jupiter's default lifecycle, an instance per method: with
 * {@code @TestInstance(PER_CLASS)} the runs would share one instance, and whatever it holds would leak from one run
 * into the next, so the test fails before its first run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@Execution(ExecutionMode.SAME_THREAD) // run 2 is compared with run 1, so run 1 must come first
@ExtendWith(ReproducibleTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface ReproducibleTest {

    /** How many runs are compared; at least 2. */
    int runs() default 2;
}
