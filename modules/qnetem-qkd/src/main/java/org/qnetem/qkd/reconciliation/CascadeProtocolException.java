package org.qnetem.qkd.reconciliation;

/**
 * A Cascade message that the protocol cannot have produced: wrong link or block, a round out of
 * order, a question outside the key, an answer of the wrong length, parities that contradict each
 * other. The engine that throws it is finished; the block must be discarded.
 */
public final class CascadeProtocolException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CascadeProtocolException(String message) {
        super(message);
    }
}
