package org.qnetem.qkd.authentication;

/** The outcome of checking a received message against its tag. Only AUTHENTIC lets the message in. */
public enum AuthenticationVerdict {
    /** The tag is right for this message at the expected sequence number. */
    AUTHENTIC,
    /** Right sequence number, wrong tag: the message or the tag was altered, or was not made with our key. */
    TAG_MISMATCH,
    /** A sequence number already used in this direction (or burnt for a lost message): a replay. No pad is consumed. */
    REPLAYED
}
