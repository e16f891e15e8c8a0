package org.qnetem.runtime.serialization;

/**
 * A message that crosses between nodes and links as wire protocol v1 (protobuf), so that members of
 * different versions and non-JVM tools can read it. Bound to {@link WireSerializer}.
 */
public interface WireMessage {
}
