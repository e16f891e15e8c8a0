package org.qnetem.qkd.protocol;

/** The post-processing stages a key block passes through, in order. */
public enum BlockStage {
    PARAMETER_ESTIMATION,
    ERROR_CORRECTION,
    VERIFICATION,
    PRIVACY_AMPLIFICATION
}
