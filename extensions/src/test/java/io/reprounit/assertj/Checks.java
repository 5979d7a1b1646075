package io.reprounit.assertj;

import io.reprounit.artifact.Digests;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.StepRecord;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.jupiter.CheckOptions;
import io.reprounit.jupiter.PipelineCheck;
import io.reprounit.jupiter.ReproUnit;
import io.reprounit.jupiter.fixtures.FailingPipeline;
import io.reprounit.jupiter.fixtures.FlakyPipeline;
import io.reprounit.jupiter.fixtures.StablePipeline;
import java.util.Map;
import java.util.TreeMap;

/** Real checks of the fixture pipelines, each run once per JVM and shared by the assertion tests. */
final class Checks {

    static final String OLDER_OUTPUT = Digests.sha256("an output recorded long ago");

    static final PipelineCheck STABLE = ReproUnit.check(StablePipeline.class);
    static final PipelineCheck FLAKY = ReproUnit.check(FlakyPipeline.class, CheckOptions.defaults().withoutFingerprints());
    static final PipelineCheck FAILING = ReproUnit.check(FailingPipeline.class,
            CheckOptions.defaults().withoutFingerprints());
    /** Against a baseline in which step train had other bytecode and gave another output. */
    static final PipelineCheck CODE_CHANGED = ReproUnit.check(StablePipeline.class,
            CheckOptions.defaults().against(olderBaseline("train", Aspect.CODE)));
    /** Against a baseline in which step train gave another output with the same parts. */
    static final PipelineCheck DIVERGED_FROM_BASELINE = ReproUnit.check(StablePipeline.class,
            CheckOptions.defaults().against(olderBaseline("train", null)));

    private Checks() {}

    /**
     * The baseline the stable pipeline records, with another output for {@code step} and, where {@code aspect} is given,
     * other digests for that aspect's parts of the step: as if recorded before someone changed them.
     */
    private static Baseline olderBaseline(String step, Aspect aspect) {
        Baseline recorded = STABLE.toBaseline();
        Map<String, StepRecord> steps = new TreeMap<>(recorded.steps());
        StepRecord now = steps.get(step);
        Fingerprint parts = Fingerprint.of(now.parts().parts().stream()
                .map(part -> part.aspect() == aspect
                        ? new FingerprintPart(part.aspect(), part.name(), part.value(), Digests.sha256("before"))
                        : part)
                .toList());
        steps.put(step, new StepRecord(OLDER_OUTPUT, now.size(), now.preview(), parts));
        return new Baseline(recorded.pipeline(), recorded.pipelineClass(), recorded.runParts(), steps);
    }
}
