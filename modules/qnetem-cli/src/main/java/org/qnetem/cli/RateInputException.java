package org.qnetem.cli;

/** A {@code qnetem rate} option, or a combination of options and profile, that cannot be used. */
final class RateInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RateInputException(String message) {
        super(message);
    }
}
