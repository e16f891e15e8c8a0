package org.qnetem.runtime.cluster;

/** A member could not start: its Artery or management port is taken, or its host cannot be bound. */
public final class MemberStartException extends Exception {

    public MemberStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
