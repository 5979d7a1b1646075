package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One execution of a pipeline: what each step it ran did, in the order they ran, and what the run as a whole depended
 * on (environment, commit, classpath, configuration).
 */
@API(status = INTERNAL, since = "0.1")
public final class Run {

    private final int number;
    private final Map<String, StepExecution> executions;
    private final Fingerprint fingerprint;
    private final Instant started;
    private final Instant finished;

    Run(int number, List<StepExecution> executions, Fingerprint fingerprint, Instant started, Instant finished) {
        this.number = number;
        Map<String, StepExecution> byStep = new LinkedHashMap<>();
        executions.forEach(execution -> byStep.put(execution.step(), execution));
        this.executions = Collections.unmodifiableMap(byStep);
        this.fingerprint = requireNonNull(fingerprint);
        this.started = requireNonNull(started);
        this.finished = requireNonNull(finished);
    }

    /** 1 for the first run of a check. */
    public int number() {
        return number;
    }

    public Optional<StepExecution> execution(String step) {
        return Optional.ofNullable(executions.get(step));
    }

    public List<StepExecution> executions() {
        return List.copyOf(executions.values());
    }

    /** The parts every step shares: environment, commit, classpath jars, the configuration file. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished;
    }
}
