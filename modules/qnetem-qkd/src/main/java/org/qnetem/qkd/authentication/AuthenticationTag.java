package org.qnetem.qkd.authentication;

/**
 * The Wegman–Carter tag of one message: its sequence number in its direction (sent in the clear; it
 * names the pad both ends use) and the two 64-bit halves of the padded polynomial digest.
 */
public record AuthenticationTag(long sequence, long first, long second) {
}
