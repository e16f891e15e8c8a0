package org.qnetem.runtime.topology;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A named set of device parameters from {@code config/profiles/<name>.conf}: what a fibre, a source, a
 * receiver and post-processing are like, each setting present only if the profile gives it. The
 * {@code fibre}, {@code source} and {@code receiver} sections use the key names of a topology link's
 * sections of the same names, so that a link can later say {@code profile = "<name>"} and override
 * single keys; {@code pair-source} and {@code post-processing} add what only the rate models need.
 *
 * @param source where the profile was read from, for messages
 */
public record DeviceProfile(String name, String source, String description, Fibre fibre, Source weakCoherentSource,
                            Optional<PairSource> pairSource, Receiver receiver, PostProcessing postProcessing) {

    /** {@code fibre}: attenuation in dB/km and lumped extra loss in dB. */
    public record Fibre(OptionalDouble attenuationDbPerKm, OptionalDouble extraLossDb) {
    }

    /** {@code source}: a weak coherent source's clock and intensities (signal first); empty if not given. */
    public record Source(OptionalDouble clockHz, List<Double> intensities) {

        public Source {
            intensities = List.copyOf(intensities);
        }
    }

    /**
     * {@code pair-source}: a continuously pumped SPDC source of {@code brightnessHz} pairs/s, coupled
     * into each arm's fibre with {@code couplingEfficiency}, of two-photon {@code visibility}, read out in
     * coincidence windows of {@code coincidenceWindowNs}; {@code timingSpreadNs} is the FWHM of the two
     * photons' arrival-time difference (detector jitter, dispersion and coherence time together).
     */
    public record PairSource(double brightnessHz, double couplingEfficiency, double visibility,
                             double coincidenceWindowNs, double timingSpreadNs) {
    }

    /**
     * {@code receiver}: optics and detector efficiencies; the background yield Y_0 of both detectors of
     * a basis together, given as {@code background-yield} or as {@code dark-count-per-gate} p_dc of each
     * (Y_0 = 2 p_dc, as in Lim et al.'s model); the dark-count rate of free-running detectors;
     * misalignment and afterpulse probability.
     */
    public record Receiver(OptionalDouble opticsEfficiency, OptionalDouble detectorEfficiency,
                           OptionalDouble backgroundYield, OptionalDouble darkCountRateHz,
                           OptionalDouble misalignment, OptionalDouble afterpulseProbability) {

        /** η_Bob = optics × detector efficiency (optics 1 unless given), if the detector efficiency is given. */
        public OptionalDouble efficiency() {
            if (detectorEfficiency.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(opticsEfficiency.orElse(1) * detectorEfficiency.getAsDouble());
        }
    }

    /** {@code post-processing}: error-correction efficiency f_EC and sift factor q. */
    public record PostProcessing(OptionalDouble errorCorrectionEfficiency, OptionalDouble siftFactor) {
    }
}
