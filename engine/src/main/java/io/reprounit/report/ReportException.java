package io.reprounit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The report could not be written where it was asked for; the message says what to do. */
@API(status = INTERNAL, since = "0.1")
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReportException(String message) {
        super(message);
    }

    ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
