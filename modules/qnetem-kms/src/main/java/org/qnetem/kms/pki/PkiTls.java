package org.qnetem.kms.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS contexts from the PKI's PEM files: an entity's own certificate and key, and trust in the PKI's CA
 * only (not the JVM's default trust store), for KME servers and for SAE clients alike.
 */
public final class PkiTls {

    /** In-memory key store password; the key store never leaves this class. */
    private static final char[] NO_PASSWORD = new char[0];

    private PkiTls() {
    }

    /** The context of entity {@code id} of {@code role}, from its files in {@code files}' directory. */
    public static SSLContext context(PkiFiles files, PkiRole role, String id) {
        return context(files.ca(), files.certificate(role, id), files.privateKey(role, id));
    }

    /** A context presenting {@code certificateFile} with {@code keyFile} and trusting the CA in {@code caFile} only. */
    public static SSLContext context(Path caFile, Path certificateFile, Path keyFile) {
        X509Certificate ca = certificate(caFile);
        X509Certificate own = certificate(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("own", key, NO_PASSWORD, new Certificate[] {own, ca});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers(ca).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build a TLS context from " + certificateFile + " and " + keyFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** The PKI's CA as the only trust anchor. */
    public static TrustManagerFactory trustManagers(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    /** Reads one X.509 certificate from a PEM file. */
    public static X509Certificate certificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (NoSuchFileException e) {
            throw new PkiException(file + ": no such file (make the PKI with: qnetem pki)", e);
        } catch (CertificateException e) {
            throw new PkiException(file + ": not a PEM X.509 certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PkiException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a private key from a PEM file: PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's traditional EC/RSA form. */
    public static PrivateKey privateKey(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            throw new PkiException(file + ": expected an unencrypted PEM private key (PKCS#8 'PRIVATE KEY'), found "
                    + (object == null ? "no PEM object" : object.getClass().getSimpleName()));
        } catch (NoSuchFileException e) {
            throw new PkiException(file + ": no such file (make the PKI with: qnetem pki)", e);
        } catch (IOException e) {
            throw new PkiException(file + ": not a readable PEM private key: " + e.getMessage(), e);
        }
    }
}
