package org.qnetem.kms.etsi;

import java.util.List;
import java.util.Map;

/**
 * A refused ETSI GS QKD 014 call: the HTTP status the spec gives it (400 bad request, 401 unauthorized,
 * 503 server-side error such as too little key) and the spec's Error body ({@code message},
 * {@code details}). Messages never carry key material.
 */
public final class EtsiException extends RuntimeException {

    private final int httpStatus;
    private final List<Map<String, Object>> details;

    public EtsiException(int httpStatus, String message, List<Map<String, Object>> details) {
        super(message);
        if (httpStatus != 400 && httpStatus != 401 && httpStatus != 503) {
            throw new IllegalArgumentException("ETSI GS QKD 014 errors are 400, 401 or 503, not " + httpStatus);
        }
        this.httpStatus = httpStatus;
        this.details = List.copyOf(details);
    }

    public static EtsiException badRequest(String message) {
        return new EtsiException(400, message, List.of());
    }

    public static EtsiException unauthorized(String message) {
        return new EtsiException(401, message, List.of());
    }

    public static EtsiException unavailable(String message) {
        return new EtsiException(503, message, List.of());
    }

    public int httpStatus() {
        return httpStatus;
    }

    public List<Map<String, Object>> details() {
        return details;
    }
}
