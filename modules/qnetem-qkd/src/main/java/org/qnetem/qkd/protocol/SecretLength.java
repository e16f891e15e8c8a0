package org.qnetem.qkd.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secret length of a key block and every term that produced it, in the order of the formula, so
 * that a user can see why the block has the length it has.
 *
 * @param lengthBound the bound before rounding down; negative when there is no key
 * @param terms       named terms, e.g. {@code s_x0}, {@code s_x1}, {@code phi_x}, {@code leaked_ec}
 */
public record SecretLength(long length, double lengthBound, Map<String, Double> terms) {

    public SecretLength {
        if (length < 0) {
            throw new IllegalArgumentException("secret length must be >= 0, got " + length);
        }
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }
}
