package org.qnetem.physics.model;

/**
 * One number for each intensity of three-intensity decoy BB84, in Lim et al.'s order: {@code k1} for
 * the signal μ_1, {@code k2} for the decoy μ_2, {@code k3} for the weakest μ_3.
 */
public record PerIntensity(double k1, double k2, double k3) {

    public PerIntensity {
        if (!(k1 >= 0 && k2 >= 0 && k3 >= 0) || Double.isInfinite(k1 + k2 + k3)) {
            throw new IllegalArgumentException("values per intensity must be finite and >= 0, got "
                    + k1 + ", " + k2 + ", " + k3);
        }
    }

    public double total() {
        return k1 + k2 + k3;
    }
}
