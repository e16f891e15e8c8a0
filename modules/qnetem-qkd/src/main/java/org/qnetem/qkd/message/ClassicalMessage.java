package org.qnetem.qkd.message;

/**
 * A message one protocol engine sends the other over the link's authenticated classical channel.
 * Every message names its link and the photon batch it is about.
 */
public interface ClassicalMessage {

    String linkId();

    long batchSequence();
}
