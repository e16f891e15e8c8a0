package org.qnetem.qkd.authentication;

/**
 * The Wegman–Carter tag of one message: its sequence number in its direction (sent in the clear; it
 * names the pad both ends use) and the two 64-bit halves of the padded polynomial digest.
 */
public record AuthenticationTag(long sequence, long first, long second) {

    /** Bits on the wire: the sequence number and two 64-bit values. */
    public static final int WIRE_BITS = 3 * Long.SIZE;
}
