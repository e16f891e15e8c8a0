package org.qnetem.physics.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.channel.FibreChannel;
import org.qnetem.physics.detector.Receiver;
import org.qnetem.physics.detector.ThresholdDetector;
import org.qnetem.physics.model.Bb84Expectation;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.physics.source.WeakCoherentSource;

class StatisticalSamplerTest {

    @Test
    void decoyBb84CountsAverageToTheModel() {
        WeakCoherentSource source = TestLinks.source();
        Bb84Expectation link = new Bb84Expectation(source, FibreChannel.smf28(25, 0.2, 0), TestLinks.receiver());
        StatisticalSampler sampler = StatisticalSampler.decoyBb84(source, link);
        long pulses = 10_000_000;
        int batches = 200;
        double detections = 0;
        double sifted = 0;
        double errors = 0;
        for (int b = 0; b < batches; b++) {
            StatisticalCounts counts = sampler.sample(pulses, new RandomStream(new StreamKey(5, "L", "statistical", b)));
            assertEquals(pulses, counts.pulses());
            detections += counts.detections();
            sifted += counts.siftedBits();
            errors += counts.siftedErrors();
        }
        double n = (double) pulses * batches;
        double p = link.clickProbability();
        assertEquals(n * p, detections, 5 * Math.sqrt(n * p));
        double s = link.siftedPerPulse();
        assertEquals(n * s, sifted, 5 * Math.sqrt(n * s));
        double q = link.qber();
        assertEquals(q, errors / sifted, 5 * Math.sqrt(q / sifted));
    }

    @Test
    void sameKeySameCounts() {
        WeakCoherentSource source = TestLinks.source();
        StatisticalSampler sampler = StatisticalSampler.decoyBb84(source,
                new Bb84Expectation(source, FibreChannel.smf28(50, 0.2, 0), TestLinks.receiver()));
        StreamKey key = new StreamKey(1, "L", "statistical", 3);
        assertEquals(sampler.sample(1_000_000, new RandomStream(key)), sampler.sample(1_000_000, new RandomStream(key)));
    }

    /** The two-node topology's source and receiver. */
    private static final class TestLinks {
        static WeakCoherentSource source() {
            return new WeakCoherentSource(1e9, new double[] {0.53, 0.26, 0.0002}, new double[] {0.28, 0.50, 0.22},
                    0.8);
        }

        static Receiver receiver() {
            return new Receiver(1.0, ThresholdDetector.gated(0.1, 6e-7), 0.01, 0.8);
        }
    }
}
