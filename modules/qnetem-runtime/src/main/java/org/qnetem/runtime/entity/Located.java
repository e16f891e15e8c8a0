package org.qnetem.runtime.entity;

import org.qnetem.runtime.serialization.InternalMessage;

/**
 * An entity's answer to being asked where it is ({@code "node X"}, {@code "kme X"} or {@code "link L"}): it runs
 * where its shard lives now, and whatever was sent to it before the question has reached it.
 */
public record Located(String entity) implements InternalMessage {
}
