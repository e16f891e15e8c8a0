package org.qnetem.kms;

import java.util.List;
import java.util.Locale;
import org.qnetem.kms.etsi.EtsiException;

/** Why a KME refused an ETSI GS QKD 014 call, with the HTTP status the spec gives it; counted per KME. */
public enum RefusalReason {
    /** The calling SAE is not attached to this KME. */
    NOT_ATTACHED(401),
    /** A key_ID the caller asked for is addressed to another SAE. */
    NOT_ADDRESSED(401),
    /** The SAE named in the path is unknown. */
    UNKNOWN_SAE(400),
    /** Master and slave are attached to the same KME, so no QKD link joins them. */
    SAME_KME(400),
    BAD_NUMBER(400),
    BAD_SIZE(400),
    /** additional_slave_SAE_IDs too many, repeated, unknown, or naming the master or the slave. */
    BAD_SAE_IDS(400),
    /** extension_mandatory asks for an extension this KME does not support (it supports none). */
    UNSUPPORTED_EXTENSION(400),
    /** No key_IDs, or one given twice. */
    BAD_KEY_IDS(400),
    /** A key_ID never issued, already collected by the caller, expired, or from another master SAE. */
    UNKNOWN_KEY(400),
    /** Too little key on every usable path (or none left after relays aborted). */
    INSUFFICIENT_KEY(503),
    /** The KME is out of service (a KME outage): it answers nothing until it is back. */
    KME_OUT(503);

    private final int httpStatus;

    RefusalReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The name in reports and metrics, e.g. {@code not_attached}. */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }

    EtsiException exception(String message) {
        return new EtsiException(httpStatus, message, List.of());
    }
}
