package org.qnetem.kms.pki;

/** Bad input to the PKI: an ID that cannot name a file, files that exist, a PEM file that does not parse. */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
