package org.qnetem.kms.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the emulator's PKI into one directory: a CA, and a certificate and key per KME and per SAE
 * (see {@link PkiFiles} for the names). Keys are ECDSA P-256 from a {@link SecureRandom}: real keys,
 * not seeded ones, because curl and OpenSSL clients use them against a real TLS server.
 *
 * <p>KME certificates carry serverAuth (and clientAuth, for KME-to-KME connections) and the SANs DNS
 * {@code localhost}, IP {@code 127.0.0.1} and any host given; SAE certificates carry clientAuth only.
 * The subject is {@code CN=<id>, OU=<role>, O=QNetEm}; the KME takes an SAE's ID from its CN. The CA's
 * private key is not written: to add an entity, issue the whole set again with {@code force}.
 */
public final class PkiIssuer {

    private static final String ORGANIZATION = "QNetEm";
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Issued slightly in the past so that a peer whose clock lags a little still accepts the certificates. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(825);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final SecureRandom random = new SecureRandom();
    private final Instant now;

    private PkiIssuer(Instant now) {
        this.now = now;
    }

    /**
     * Writes {@code ca.pem} and the files of every KME and SAE into {@code directory} (created if need be).
     * Without {@code force}, refuses before writing anything if any of those files exists.
     *
     * @param hosts extra host names or IP addresses for the KME certificates' SANs
     * @return the files written, in order
     */
    public static List<Path> issue(Path directory, List<String> kmeIds, List<String> saeIds, List<String> hosts,
                                   boolean force) throws IOException {
        PkiFiles files = new PkiFiles(directory);
        checkUnique(PkiRole.KME, kmeIds);
        checkUnique(PkiRole.SAE, saeIds);
        List<GeneralName> kmeNames = kmeSubjectAltNames(hosts);
        Map<Path, String> contents = new LinkedHashMap<>();
        new PkiIssuer(Instant.now()).issueInto(files, kmeIds, saeIds, kmeNames, contents);
        if (!force) {
            List<String> existing = contents.keySet().stream().filter(Files::exists).map(Path::toString).toList();
            if (!existing.isEmpty()) {
                throw new PkiException("would overwrite " + String.join(", ", existing) + "; give --force to replace");
            }
        }
        Files.createDirectories(directory);
        for (Map.Entry<Path, String> file : contents.entrySet()) {
            write(file.getKey(), file.getValue(), force);
        }
        return List.copyOf(contents.keySet());
    }

    private void issueInto(PkiFiles files, List<String> kmeIds, List<String> saeIds, List<GeneralName> kmeNames,
                           Map<Path, String> contents) {
        KeyPair caKeys = newKeyPair();
        X500Name caName = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION).addRDN(BCStyle.CN, "QNetEm emulation CA").build();
        X509Certificate ca = sign(certificate(caName, caName, caKeys, CA_LIFETIME, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }), caKeys.getPrivate());
        contents.put(files.ca(), pem(ca));
        for (String kme : kmeIds) {
            leaf(files, PkiRole.KME, kme, ca, caKeys.getPrivate(), kmeNames, contents,
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        }
        for (String sae : saeIds) {
            leaf(files, PkiRole.SAE, sae, ca, caKeys.getPrivate(), List.of(), contents, KeyPurposeId.id_kp_clientAuth);
        }
    }

    private void leaf(PkiFiles files, PkiRole role, String id, X509Certificate ca, PrivateKey caKey,
                      List<GeneralName> altNames, Map<Path, String> contents, KeyPurposeId... purposes) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, role.organizationalUnit()).addRDN(BCStyle.CN, id).build();
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = certificate(issuer, subject, keys, LEAF_LIFETIME, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils().createAuthorityKeyIdentifier(ca));
            if (!altNames.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
        });
        contents.put(files.certificate(role, id), pem(sign(builder, caKey)));
        contents.put(files.privateKey(role, id), pkcs8(keys.getPrivate()));
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException, GeneralSecurityException;
    }

    private X509v3CertificateBuilder certificate(X500Name issuer, X500Name subject, KeyPair keys, Duration lifetime,
                                                 Extensions extensions) {
        // Positive, 127 random bits: unique without a serial-number database, within RFC 5280's 20 octets.
        BigInteger serial = new BigInteger(127, random).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(lifetime)), subject, keys.getPublic());
        try {
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            extensions.add(builder);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate of " + subject, e);
        }
        return builder;
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is missing from this JVM", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE, e);
        }
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make P-256 keys", e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String pkcs8(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode a private key as PKCS#8", e);
        }
    }

    private static List<GeneralName> kmeSubjectAltNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        Set<String> seen = new HashSet<>(Set.of("localhost", "127.0.0.1"));
        for (String host : hosts) {
            if (!seen.add(host)) {
                continue;
            }
            if (IPV4.matcher(host).matches() || host.contains(":")) {
                try {
                    names.add(new GeneralName(GeneralName.iPAddress, host));
                } catch (IllegalArgumentException e) {
                    throw new PkiException("host '" + host + "': not an IP address", e);
                }
            } else if (DNS_NAME.matcher(host).matches()) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            } else {
                throw new PkiException("host '" + host + "': neither a DNS name nor an IP address");
            }
        }
        return names;
    }

    private static void checkUnique(PkiRole role, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            PkiFiles.checkId(role, id);
            if (!seen.add(id)) {
                throw new PkiException(role + " ID '" + id + "' is given twice");
            }
        }
    }

    /** Private keys are created readable by their owner only (where the file system has POSIX permissions). */
    private static void write(Path file, String text, boolean force) throws IOException {
        boolean secret = file.getFileName().toString().endsWith(".key")
                && file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (force) {
            Files.deleteIfExists(file);
        }
        try {
            if (secret) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new PkiException(file + " appeared while writing the PKI; give --force to replace it", e);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
