package org.qnetem.qkd.protocol;

/** How a key block ended at one end: with a key, or aborted. */
public sealed interface BlockOutcome permits KeyBlock, AbortedBlock {

    String linkId();

    long blockId();

    /** Emulated time the block ended at this end. */
    long finishedAtPs();
}
