package org.qnetem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.kms.pki.PkiRole;
import org.qnetem.kms.pki.PkiTls;

class PkiCommandTest {

    @TempDir
    Path temp;

    private final CommandUnderTest command = new CommandUnderTest();

    @Test
    void writesThePkiAndRefusesToOverwriteItWithoutForce() throws Exception {
        Path out = temp.resolve("pki");
        assertEquals(0, command.execute("pki", "--kme", "BRISTOL", "CAMBRIDGE", "--sae", "video-a", "video-b",
                "--out", out.toString(), "--host", "kme.example.org"), command.err());
        assertTrue(command.out().startsWith("wrote 9 files to " + out + ": a CA, 2 KME and 2 SAE certificates"),
                command.out());
        PkiFiles files = new PkiFiles(out);
        PkiTls.certificate(files.certificate(PkiRole.KME, "CAMBRIDGE")).verify(PkiTls.certificate(files.ca())
                .getPublicKey());
        PkiTls.privateKey(files.privateKey(PkiRole.SAE, "video-b"));
        String ca = Files.readString(files.ca());

        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, command.execute("pki", "--kme", "BRISTOL", "--out", out.toString()));
        assertTrue(command.err().startsWith("qnetem pki: would overwrite " + files.ca()), command.err());
        assertEquals(ca, Files.readString(files.ca()));

        command.clear();
        assertEquals(0, command.execute("pki", "--kme", "BRISTOL", "--out", out.toString(), "--force"), command.err());
    }

    @Test
    void aBadIdIsAUsageError() {
        assertEquals(Qnetem.EXIT_USAGE, command.execute("pki", "--kme", "A B", "--out", temp.toString()));
        assertTrue(command.err().startsWith("qnetem pki: KME ID 'A B': "), command.err());
        command.clear();
        assertEquals(Qnetem.EXIT_USAGE, command.execute("pki", "--out", temp.toString()));
        assertTrue(command.err().contains("Give --topology FILE or at least one --kme ID"), command.err());
    }

    @Test
    void issuesForTheTopologysKmesAndSaes() throws Exception {
        Path out = temp.resolve("two-node");
        assertEquals(0, command.execute("pki", "--topology", "../../config/two-node.conf", "--sae", "extra-app",
                "--out", out.toString()), command.err());
        assertTrue(command.out().startsWith("wrote 11 files to " + out + ": a CA, 2 KME and 3 SAE certificates"),
                command.out());
        PkiFiles files = new PkiFiles(out);
        for (String kme : new String[] {"ALICE", "BOB"}) {
            assertTrue(Files.exists(files.certificate(PkiRole.KME, kme)), kme);
        }
        for (String sae : new String[] {"alice-app", "bob-app", "extra-app"}) {
            assertTrue(Files.exists(files.privateKey(PkiRole.SAE, sae)), sae);
        }
    }
}
