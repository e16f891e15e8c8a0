package org.qnetem.kms.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiIssuerTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path temp;

    private PkiFiles issue(String name, boolean force) throws Exception {
        PkiFiles files = new PkiFiles(temp.resolve(name));
        PkiIssuer.issue(files.directory(), List.of("ALICE", "BOB"), List.of("sae-1", "sae-2"),
                List.of("kme.example.org", "10.0.0.7"), force);
        return files;
    }

    @Test
    void writesTheCaAndACertificateAndKeyPerKmeAndSae() throws Exception {
        PkiFiles files = issue("pki", false);
        try (var listing = Files.list(files.directory())) {
            assertEquals(List.of("ca.pem", "kme-ALICE.key", "kme-ALICE.pem", "kme-BOB.key", "kme-BOB.pem",
                    "sae-sae-1.key", "sae-sae-1.pem", "sae-sae-2.key", "sae-sae-2.pem"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        X509Certificate ca = PkiTls.certificate(files.ca());
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");

        X509Certificate kme = PkiTls.certificate(files.certificate(PkiRole.KME, "ALICE"));
        kme.verify(ca.getPublicKey());
        assertEquals("CN=ALICE,OU=KME,O=QNetEm", kme.getSubjectX500Principal().getName());
        assertEquals(-1, kme.getBasicConstraints());
        assertTrue(kme.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), kme.getExtendedKeyUsage());
        List<String> names = new ArrayList<>();
        kme.getSubjectAlternativeNames().forEach(name -> names.add(name.get(1).toString()));
        assertEquals(List.of("localhost", "127.0.0.1", "kme.example.org", "10.0.0.7"), names);

        X509Certificate sae = PkiTls.certificate(files.certificate(PkiRole.SAE, "sae-2"));
        sae.verify(ca.getPublicKey());
        assertEquals("CN=sae-2,OU=SAE,O=QNetEm", sae.getSubjectX500Principal().getName());
        assertEquals(List.of(CLIENT_AUTH), sae.getExtendedKeyUsage());
        assertEquals(null, sae.getSubjectAlternativeNames());
        assertNotEquals(kme.getSerialNumber(), sae.getSerialNumber());

        // Each key is PKCS#8, owner-only, and belongs to its certificate.
        Path keyFile = files.privateKey(PkiRole.SAE, "sae-2");
        assertTrue(Files.readString(keyFile, StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        PrivateKey key = PkiTls.privateKey(keyFile);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(sae);
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "the key is the certificate's");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        PkiFiles files = issue("pki", false);
        String ca = Files.readString(files.ca());
        PkiException refused = assertThrows(PkiException.class, () -> issue("pki", false));
        assertTrue(refused.getMessage().contains(files.ca().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(ca, Files.readString(files.ca()));
        issue("pki", true);
        assertNotEquals(ca, Files.readString(files.ca()), "--force issues a new CA");
    }

    @Test
    void badIdsAndHostsAreRefusedBeforeAnyFileIsWritten() {
        Path directory = temp.resolve("bad");
        PkiException slash = assertThrows(PkiException.class, () ->
                PkiIssuer.issue(directory, List.of("A"), List.of("../etc"), List.of(), false));
        assertTrue(slash.getMessage().startsWith("SAE ID '../etc': "), slash.getMessage());
        PkiException twice = assertThrows(PkiException.class, () ->
                PkiIssuer.issue(directory, List.of("A", "A"), List.of(), List.of(), false));
        assertEquals("KME ID 'A' is given twice", twice.getMessage());
        PkiException host = assertThrows(PkiException.class, () ->
                PkiIssuer.issue(directory, List.of("A"), List.of(), List.of("bad host"), false));
        assertEquals("host 'bad host': neither a DNS name nor an IP address", host.getMessage());
        assertFalse(Files.exists(directory));
    }

    @Test
    void aMissingOrForeignPemFileIsNamed() throws Exception {
        Path missing = temp.resolve("nowhere.pem");
        PkiException noFile = assertThrows(PkiException.class, () -> PkiTls.certificate(missing));
        assertTrue(noFile.getMessage().startsWith(missing + ": no such file"), noFile.getMessage());
        PkiFiles files = issue("pki", false);
        PkiException notAKey = assertThrows(PkiException.class, () -> PkiTls.privateKey(files.ca()));
        assertTrue(notAKey.getMessage().startsWith(files.ca() + ": expected an unencrypted PEM private key"),
                notAKey.getMessage());
    }

    /** OpenSSL, as an operator would check the files; skipped where openssl is missing. */
    @Test
    void opensslVerifiesTheChainAndThePurposesAndReadsTheKeys() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        PkiFiles files = issue("pki", false);
        String ca = files.ca().toString();
        assertEquals(files.certificate(PkiRole.KME, "BOB") + ": OK", openssl(0, "verify", "-CAfile", ca,
                "-purpose", "sslserver", files.certificate(PkiRole.KME, "BOB").toString()));
        assertEquals(files.certificate(PkiRole.SAE, "sae-1") + ": OK", openssl(0, "verify", "-CAfile", ca,
                "-purpose", "sslclient", files.certificate(PkiRole.SAE, "sae-1").toString()));
        // An SAE certificate is not good for a server.
        openssl(2, "verify", "-CAfile", ca, "-purpose", "sslserver", files.certificate(PkiRole.SAE, "sae-1").toString());
        openssl(0, "pkey", "-noout", "-in", files.privateKey(PkiRole.KME, "ALICE").toString());
    }

    private static String openssl(int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(expectedExit, process.waitFor(), String.join(" ", command) + "\n" + output);
        return output;
    }

    static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
