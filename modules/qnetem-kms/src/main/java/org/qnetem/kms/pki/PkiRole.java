package org.qnetem.kms.pki;

/**
 * Whom a certificate of the emulator's PKI was issued to. The role is written in the subject's OU, so
 * that a KME can tell an SAE's client certificate from another KME's: both chain to the same CA, but
 * only an SAE may call the ETSI GS QKD 014 API.
 */
public enum PkiRole {
    /** A key management entity: serves HTTPS to its SAEs (serverAuth) and may call other KMEs (clientAuth). */
    KME("KME", "kme-"),
    /** A secure application entity: calls its KME's ETSI GS QKD 014 API (clientAuth only). */
    SAE("SAE", "sae-");

    private final String organizationalUnit;
    private final String filePrefix;

    PkiRole(String organizationalUnit, String filePrefix) {
        this.organizationalUnit = organizationalUnit;
        this.filePrefix = filePrefix;
    }

    /** The subject OU that marks a certificate of this role. */
    public String organizationalUnit() {
        return organizationalUnit;
    }

    String filePrefix() {
        return filePrefix;
    }
}
