package org.qnetem.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Detections a benchmark processed in an iteration, which JMH reports per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DetectionCounter {

    public long detections;

    @Setup(Level.Iteration)
    public void reset() {
        detections = 0;
    }
}
