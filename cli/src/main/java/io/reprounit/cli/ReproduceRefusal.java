package io.reprounit.cli;

/**
 * Why {@code reproduce} will not try: bad input (an unknown check, one whose code is not in git, a secret it cannot
 * pass on, no pipeline module in the checkout). One line for the user, exit status 2, never a stack trace.
 */
final class ReproduceRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReproduceRefusal(String message) {
        super(message);
    }
}
