package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A configuration file that cannot be read; the message names the file, the line where known, and what to do. */
@API(status = INTERNAL, since = "0.1")
public final class PipelineConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PipelineConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    PipelineConfigException(String message) {
        super(message);
    }
}
