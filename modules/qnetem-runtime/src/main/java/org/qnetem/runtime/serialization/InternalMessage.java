package org.qnetem.runtime.serialization;

/**
 * A runtime-internal message exchanged only between members of the same release (control, clock,
 * statistics). Bound to {@link KryoSerializer}; its class must be listed in
 * {@code qnetem.serialization.kryo.classes}.
 */
public interface InternalMessage {
}
