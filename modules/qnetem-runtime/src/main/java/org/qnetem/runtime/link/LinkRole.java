package org.qnetem.runtime.link;

/** Which end of a QKD link a node is. */
public enum LinkRole {
    TRANSMITTER,
    RECEIVER
}
