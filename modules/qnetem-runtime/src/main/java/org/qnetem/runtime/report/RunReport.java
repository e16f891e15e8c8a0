package org.qnetem.runtime.report;

import java.util.List;
import java.util.Map;

/**
 * The run report of DESIGN.md: what tests, benchmarks and users read after a run. Field names map to
 * snake_case JSON keys ({@code emulatedSeconds} becomes {@code emulated_seconds}).
 *
 * @param speed the real-time speed factor; null in fast mode
 * @param lagMs in real-time mode, the most emulated time fell behind the wall clock
 * @param cluster where a cluster run's entities lived and what crossed between its members; null for a run on
 *                one JVM
 */
public record RunReport(String topology, String topologyFile, long seed, String mode, Double speed,
                        double emulatedSeconds, double wallSeconds, double rtf, double lagMs,
                        List<LinkReport> links, List<NodeReport> nodes, List<KmeReport> kmes,
                        Map<String, Long> invariants, List<EventReport> events, List<FaultReport> faults,
                        GroundTruthReport groundTruth, ClusterReport cluster, List<LostReport> lost) {

    /**
     * A cluster member that died during the run ({@code noticed_seconds}: the emulated time when the cluster
     * removed it). Its regions' nodes and KMEs started afresh on the members left, with their state gone; the
     * links touching those nodes stopped ({@code links_stopped}; each link's {@code end-lost} event says how
     * many blocks in flight were written off) until they started a new life at {@code renewed_seconds} (null:
     * not before the run ended); the links whose observer lived there lost their statistics from before
     * ({@code link_statistics_lost}).
     */
    public record LostReport(String member, double noticedSeconds, List<Integer> regions, List<String> nodes,
                             List<String> kmes, List<String> linksStopped, Double renewedSeconds,
                             List<String> linkStatisticsLost) {
    }

    /**
     * One link. Measured values sit beside their analytic expectation ({@code expected_*}). {@code qber}
     * compares the two ends' actual sifted bits; {@code ground_truth_qber} is the channel sampler's own
     * count of errors in matched bases, which must agree with it. {@code secret_key_rate_bps} is the
     * privacy-amplified key of the delivered blocks per emulated second; {@code delivered_key_rate_bps}
     * what remains after each block paid back the authentication key it used
     * ({@code authentication_refill_bits} in all); {@code key_digest} is SHA-256 over the
     * blocks' key digests in block order, the same at both ends.
     */
    public record LinkReport(String id, String a, String b, String protocol, String fidelity, double lengthKm,
                             double lossDb, double clockHz, long batches, long pulses, long detections,
                             double expectedDetections, long doubleClicks, long siftedBits, Double qber,
                             Double qberStderr, double expectedQber, Double groundTruthQber,
                             double siftedRateBps, double expectedSiftedRateBps, long blocks, long abortedBlocks,
                             double secretKeyRateBps, double expectedSecretKeyRateBps, double deliveredKeyRateBps,
                             Double errorCorrectionEfficiency, long authenticationRefillBits, String keyDigest,
                             List<KeyBlockReport> keyBlocks) {
    }

    /**
     * One delivered key block and why it has its length: counts per intensity class (key basis X, test
     * basis Z), error rates, Cascade's leakage and every term of the finite-key formula.
     */
    public record KeyBlockReport(long id, long firstBatch, long lastBatch, double openedSeconds,
                                 double finishedSeconds, long[] keyDetections, long[] testDetections,
                                 long[] testErrors, double testQber, double keyQber, long leakedBits,
                                 Double errorCorrectionEfficiency, int cascadeRounds, Map<String, Double> terms,
                                 double lengthBound, long secretBits, long authenticationRefillBits,
                                 long deliveredBits) {
    }

    /**
     * {@code latitude}, {@code longitude}: the node's position in degrees, null when the topology gives none;
     * {@code roles}: its roles as named in the topology; {@code pools}: per peer node, the node's KME's link key
     * pool for it at the end of the run.
     */
    public record NodeReport(String id, String name, Double latitude, Double longitude, List<String> roles,
                             List<String> transmitsOn, List<String> receivesOn, Map<String, PoolReport> pools) {
    }

    /**
     * A KME's link key pool for one peer: {@code bits} the key this node can still send to the peer (its own
     * share of the pool); {@code supplied_bits} all delivered key the pool received from the links (both shares
     * and the KME authentication key); {@code overflow_bits} own-share key dropped because the share was full;
     * {@code spent_bits} own-share key spent as one-time pads; {@code low_water_events} how often the own share
     * fell below the low-water mark; {@code up} whether a link to the peer is up for the key layer; {@code lost_bits}
     * delivered key lost because this KME or the peer's was out when the blocks finished (both ends count the
     * same blocks).
     */
    public record PoolReport(long bits, long suppliedBits, long overflowBits, long spentBits, long lowWaterEvents,
                             boolean up, long lostBits) {
    }

    /**
     * A node's KME: its ETSI GS QKD 014 endpoint ({@code host}, {@code port}, {@code url} null when the topology
     * gives none), the SAEs attached to it, and its counters, in keys: {@code enc_keys_served} to master SAEs,
     * {@code dec_keys_served} to slave SAEs, {@code keys_relayed} as a trusted intermediate node,
     * {@code keys_expired} uncollected within the TTL; {@code relays_aborted} relays it started that stopped on
     * the way (and were retried elsewhere), {@code messages_rejected} KME messages dropped (failed
     * authentication or not making sense), {@code refused} calls refused per reason ({@code kme_out} while it
     * was out of service), {@code stored_keys} keys still waiting here for slave SAEs, {@code lost_key_bits}
     * delivered key its pools lost to KME outages (its own or its neighbours').
     */
    public record KmeReport(String id, String node, String host, Integer port, String url, List<String> saes,
                            long encKeysServed, long decKeysServed, long keysRelayed, long keysExpired,
                            long relaysAborted, long messagesRejected, Map<String, Long> refused, int storedKeys,
                            long lostKeyBits) {
    }

    /**
     * Something that happened at an emulated instant: the run's start and end, a fault applied or cleared
     * ({@code fault} its id), or a reaction of the network on {@code target} (a link or node): a QBER
     * alarm, an aborted block, a link down or up, a blinding-monitor alarm, key recovered.
     */
    public record EventReport(double emulatedSeconds, String type, String target, Long fault, String detail) {
    }

    /**
     * One fault: when it was asked for ({@code at_seconds}, {@code until_seconds}) and applied and cleared
     * (at epoch boundaries; null if it never was); when the network first noticed it on the affected links
     * (first QBER alarm, aborted block, link down or blinding alarm at or after it applied) and how;
     * the reactions on those links from its application to the run's end, by type; the secret key
     * rate of the affected links before it, while it held and after it cleared (null for an empty window);
     * and the key supply of every pair of SAEs on different KMEs in the same windows ({@code sae_pairs}).
     */
    public record FaultReport(long id, String kind, String target, String description, double atSeconds,
                              Double untilSeconds, Double appliedSeconds, Double clearedSeconds,
                              Double noticedSeconds, String noticedBy, Double recoveredSeconds,
                              List<String> affectedLinks, Map<String, Long> reactions,
                              Double keyRateBeforeBps, Double keyRateDuringBps, Double keyRateAfterBps,
                              List<SaePairSupplyReport> saePairs) {
    }

    /**
     * The key one pair of SAEs got or could get, in bits per second, before a fault, while it held and after
     * it cleared (null for an empty window). {@code measure} says which: {@code served}, the key bits of the
     * pair's enc_keys calls answered in the window (when the pair made any in the run); otherwise
     * {@code relay-supply}, the narrowest link of the widest path between the pair's KMEs over the links the
     * key layer had up for the whole window, each weighing the own-share bits a KME got from its delivered
     * blocks in the window (a third of the key, the rest being the peer's share and authentication).
     */
    public record SaePairSupplyReport(String a, String b, String measure, Double beforeBps, Double duringBps,
                                      Double afterBps) {
    }

    /**
     * What only the emulator knows: per link, per delivered key block, how many of its bits Eve holds
     * ({@code definition} says exactly what is counted).
     */
    public record GroundTruthReport(String definition, List<LinkTruthReport> links) {
    }

    /** {@code eveKeyBits}: over all delivered blocks; {@code blocksEveHoldsWhole}: blocks whose every bit she holds. */
    public record LinkTruthReport(String link, long deliveredBlocks, long secretBits, long eveKeyBits,
                                  long blocksEveHoldsWhole, List<BlockTruthReport> blocks) {
    }

    public record BlockTruthReport(long block, double finishedSeconds, double testQber, long keyBits,
                                   long siftedBits, long eveKnownSiftedBits, double eveKnownFraction,
                                   long leakedBits, long secretBits, long eveKeyBits) {
    }

    /**
     * A cluster run: the members that hosted its entities, each topology region (one shard of every entity
     * type) with the member it lived on at the end ("" if none) and its nodes, the links whose two ends lie in
     * different regions, and what each member's serializers wrote (its outgoing cluster traffic, counted from
     * the member's start) and their total.
     */
    public record ClusterReport(List<String> members, List<RegionReport> regions, List<String> crossingLinks,
                                List<TrafficReport> traffic, TrafficReport total) {
    }

    public record RegionReport(int index, String member, List<String> nodes) {
    }

    /**
     * One member's outgoing traffic ({@code member} null and {@code regions} every region in the total):
     * messages and bytes, and per wall second of the run; {@code bytes_per_photon_batch} and
     * {@code bytes_per_detection_batch} the mean size of a {@code LinkActor$Transmit} and a
     * {@code NodeActor$DeliverDetections} (null if none was sent); {@code by_class} the same per message class.
     */
    public record TrafficReport(String member, List<Integer> regions, long messages, long bytes,
                                double messagesPerSecond, double bytesPerSecond, Double bytesPerPhotonBatch,
                                Double bytesPerDetectionBatch, Map<String, ClassTrafficReport> byClass) {
    }

    public record ClassTrafficReport(long messages, long bytes, double messagesPerSecond, double bytesPerSecond) {
    }
}
