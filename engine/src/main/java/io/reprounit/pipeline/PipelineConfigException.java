package io.reprounit.pipeline;

/** A configuration file that cannot be read; the message names the file, the line where known, and what to do. */
public final class PipelineConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PipelineConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    PipelineConfigException(String message) {
        super(message);
    }
}
