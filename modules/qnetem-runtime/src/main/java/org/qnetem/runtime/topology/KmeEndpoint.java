package org.qnetem.runtime.topology;

import java.util.Objects;

/**
 * Where a node's KME serves ETSI GS QKD 014 over HTTPS ({@code kme { host, port }} on a node); port 0
 * asks for any free port.
 */
public record KmeEndpoint(String host, int port) {

    public KmeEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
    }

    /** The base URL an SAE calls, e.g. {@code https://127.0.0.1:8443}. */
    public String url() {
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
