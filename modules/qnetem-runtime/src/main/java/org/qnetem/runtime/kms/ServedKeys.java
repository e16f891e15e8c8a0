package org.qnetem.runtime.kms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The keys the KMEs served to master SAEs through ETSI {@code enc_keys}, each with the emulated time the call
 * was answered, so the report can give the key each SAE pair really got before, during and after a fault.
 * Thread-safe: answers complete on the actor system's threads.
 */
public final class ServedKeys {

    /** {@code bits} of key served to {@code masterSaeId} for {@code slaveSaeId} at {@code timePs}. */
    public record Served(long timePs, String masterSaeId, String slaveSaeId, long bits) {
    }

    private final LongSupplier emulatedPs;
    private final List<Served> served = new ArrayList<>();

    /** {@code emulatedPs}: the run's emulated time now (the last epoch the clock reached). */
    public ServedKeys(LongSupplier emulatedPs) {
        this.emulatedPs = emulatedPs;
    }

    /** A served enc_keys call: its keys go to the slave and every additional slave alike. */
    synchronized void record(String masterSaeId, List<String> slaveSaeIds, long bits) {
        long now = emulatedPs.getAsLong();
        slaveSaeIds.forEach(slave -> served.add(new Served(now, masterSaeId, slave, bits)));
    }

    public synchronized List<Served> all() {
        return List.copyOf(served);
    }
}
