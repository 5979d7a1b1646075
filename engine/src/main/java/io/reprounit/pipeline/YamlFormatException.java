package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A YAML file that cannot be read as it stands; the message is {@code <file>:<line>: <problem>}, for the caller to add
 * what to do about it.
 */
@API(status = INTERNAL, since = "0.1")
public final class YamlFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    YamlFormatException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, null, false, false);
    }
}
