package org.qnetem.runtime.topology;

import java.util.regex.Pattern;

/**
 * The syntax of node and link ids. Ids become parts of random-stream keys, actor and shard entity
 * names and KME URLs, so they are kept to characters that need no escaping in any of them.
 */
final class Ids {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private Ids() {
    }

    /** Reports {@code id}, read from {@code key}, unless it is well formed. */
    static boolean checkSyntax(Section section, String key, String id) {
        if (SYNTAX.matcher(id).matches()) {
            return true;
        }
        section.reportAt(key, "'" + id + "' is not a valid id: use a letter or digit, then letters, digits,"
                + " '_', '.' or '-' (" + SYNTAX.pattern() + ")");
        return false;
    }
}
