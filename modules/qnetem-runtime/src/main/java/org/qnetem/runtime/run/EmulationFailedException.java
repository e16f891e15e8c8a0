package org.qnetem.runtime.run;

/** A run could not finish; the message says why. */
public final class EmulationFailedException extends RuntimeException {

    public EmulationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
