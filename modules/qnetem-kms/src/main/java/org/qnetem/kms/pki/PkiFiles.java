package org.qnetem.kms.pki;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the PKI's PEM files live in one directory: {@code ca.pem}, and {@code kme-<node>.pem|.key},
 * {@code sae-<sae>.pem|.key}. Keys are unencrypted PKCS#8, certificates X.509, so curl and OpenSSL read them.
 */
public record PkiFiles(Path directory) {

    /** IDs name files and URL path segments, so they keep to characters that are safe in both. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Path ca() {
        return directory.resolve("ca.pem");
    }

    public Path certificate(PkiRole role, String id) {
        return directory.resolve(role.filePrefix() + checkId(role, id) + ".pem");
    }

    public Path privateKey(PkiRole role, String id) {
        return directory.resolve(role.filePrefix() + checkId(role, id) + ".key");
    }

    /** Returns {@code id} if it can name a file and a URL path segment, else says why not. */
    public static String checkId(PkiRole role, String id) {
        if (!ID.matcher(id).matches()) {
            throw new PkiException(role + " ID '" + id + "': use 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit (it names a PEM file and a URL path segment)");
        }
        return id;
    }
}
