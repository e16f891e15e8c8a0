package org.qnetem.kms.http;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.pki.PkiRole;

/**
 * The SAE ID of the caller, from the client certificate the TLS handshake verified: the subject's single
 * CN, if the subject's OU says {@code SAE} (as {@link org.qnetem.kms.pki.PkiIssuer} writes it). Another
 * KME's certificate chains to the same CA but is refused with 401: only SAEs call the ETSI API.
 */
final class SaeIdentity {

    /** The SAE ID is kept in the TLS session: it is parsed once per connection, not once per request. */
    private static final String SESSION_KEY = "org.qnetem.kms.sae-id";

    private SaeIdentity() {
    }

    static String of(SSLSession session) {
        Object known = session.getValue(SESSION_KEY);
        if (known instanceof String saeId) {
            return saeId;
        }
        String saeId = fromCertificate(session);
        session.putValue(SESSION_KEY, saeId);
        return saeId;
    }

    private static String fromCertificate(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw EtsiException.unauthorized("no client certificate: an SAE authenticates with its certificate");
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw EtsiException.unauthorized("no X.509 client certificate");
        }
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        List<String> commonNames = new ArrayList<>();
        List<String> units = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    commonNames.add(String.valueOf(rdn.getValue()));
                } else if (rdn.getType().equalsIgnoreCase("OU")) {
                    units.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            throw EtsiException.unauthorized("unreadable client certificate subject");
        }
        if (!units.contains(PkiRole.SAE.organizationalUnit())) {
            throw EtsiException.unauthorized("the client certificate (" + subject + ") is not an SAE's: SAE"
                    + " certificates carry OU=" + PkiRole.SAE.organizationalUnit());
        }
        if (commonNames.size() != 1 || commonNames.get(0).isEmpty()) {
            throw EtsiException.unauthorized("the client certificate (" + subject + ") must name its SAE in one CN");
        }
        return commonNames.get(0);
    }
}
