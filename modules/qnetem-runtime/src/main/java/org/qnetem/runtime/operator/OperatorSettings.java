package org.qnetem.runtime.operator;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Where the operator API listens: {@code port} on 127.0.0.1, 0 for any free port. {@code onBound} is told the
 * address once the server listens (on a Pekko thread, so it must be quick).
 */
public record OperatorSettings(int port, Consumer<InetSocketAddress> onBound) {

    public OperatorSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("operator port must be 0..65535, got " + port);
        }
    }
}
