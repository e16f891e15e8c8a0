package org.qnetem.qkd.authentication;

/** Which way a classical message travels on a link: from its end a to its end b, or back. */
public enum Direction {
    A_TO_B,
    B_TO_A;

    public Direction reverse() {
        return this == A_TO_B ? B_TO_A : A_TO_B;
    }
}
