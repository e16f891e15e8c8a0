package org.qnetem.qkd.protocol;

import org.qnetem.qkd.message.ClassicalMessage;

/**
 * The canonical bytes of a classical message that its authentication tag covers; the runtime supplies
 * its wire encoding. Distinct messages must give distinct bytes.
 */
@FunctionalInterface
public interface MessageEncoder {

    byte[] encode(ClassicalMessage message);
}
