package org.qnetem.runtime.cluster;

import java.util.ArrayList;
import java.util.List;

/** A member's Artery endpoint as the operator writes it: {@code host:port}. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        checkPort(port, "port");
    }

    /**
     * Parses a comma-separated list such as {@code 10.0.0.1:7355,10.0.0.2:7355}; the message of the
     * exception names the {@code option} and the entry that is wrong.
     */
    public static List<HostPort> parseList(String text, String option) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": no seed node given; expected host:port[,host:port]");
        }
        List<HostPort> result = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            result.add(parse(entry.strip(), option));
        }
        return List.copyOf(result);
    }

    static HostPort parse(String entry, String option) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException(option + ": '" + entry + "' is not host:port");
        }
        String host = entry.substring(0, colon);
        String portText = entry.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + entry + "': port '" + portText + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + ": '" + entry + "': port must be 1..65535, got " + port);
        }
        if (host.contains(":") || host.isBlank()) {
            throw new IllegalArgumentException(option + ": '" + entry + "': '" + host + "' is not a host name or IPv4 address");
        }
        return new HostPort(host, port);
    }

    /** Throws unless {@code port} is 0 (any free port) .. 65535; {@code what} names the option. */
    public static void checkPort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
