package org.qnetem.runtime.topology;

import static org.qnetem.runtime.topology.NumberRange.atLeast;
import static org.qnetem.runtime.topology.NumberRange.closed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qnetem.kms.KmsSettings;

/**
 * Reads a topology's key management: the optional {@code key-management} section (every key optional,
 * defaults from {@link KmsSettings}), a node's optional {@code kme} endpoint and the {@code saes} list.
 */
final class KeyManagementReader {

    private static final String SECTION = "key-management";
    /** Far beyond any pool a machine could hold, and small enough that share arithmetic cannot overflow. */
    private static final double MAX_CAPACITY_BITS = 1L << 50;
    private static final double MAX_KEY_BITS = 1 << 20;
    private static final int MAX_PORT = 65535;

    private KeyManagementReader() {
    }

    static Optional<KmsSettings> settings(Section topology) {
        Optional<Section> found = topology.optionalSection(SECTION);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Section km = found.get();
        km.allowOnly("pool-capacity-bits", "low-water-bits", "key-ttl", "key-size", "max-key-per-request",
                "min-key-size", "max-key-size", "max-sae-id-count", "max-key-count");
        long capacity = km.optionalWholeNumber("pool-capacity-bits", KmsSettings.DEFAULT_POOL_CAPACITY_BITS,
                closed(16, MAX_CAPACITY_BITS));
        long lowWater = km.optionalWholeNumber("low-water-bits", Math.min(KmsSettings.DEFAULT_LOW_WATER_BITS,
                capacity / 2), closed(0, MAX_CAPACITY_BITS));
        if (lowWater > capacity / 2) {
            km.reportAt("low-water-bits", "must be at most half of pool-capacity-bits (" + capacity / 2
                    + ": each direction's share holds half), got " + lowWater);
        }
        Optional<Duration> ttl = km.optionalDuration("key-ttl", KmsSettings.DEFAULT_KEY_TTL);
        int minSize = keySize(km, "min-key-size", KmsSettings.DEFAULT_MIN_KEY_SIZE);
        int maxSize = keySize(km, "max-key-size", KmsSettings.DEFAULT_MAX_KEY_SIZE);
        int keySize = keySize(km, "key-size", KmsSettings.DEFAULT_KEY_SIZE);
        if (maxSize < minSize) {
            km.reportAt("max-key-size", "must be at least min-key-size (" + minSize + "), got " + maxSize);
        } else if (keySize < minSize || keySize > maxSize) {
            km.reportAt("key-size", "must be within min-key-size and max-key-size (" + minSize + " to " + maxSize
                    + "), got " + keySize);
        }
        int maxPerRequest = (int) km.optionalWholeNumber("max-key-per-request",
                KmsSettings.DEFAULT_MAX_KEY_PER_REQUEST, closed(1, 1 << 16));
        int maxSaeIds = (int) km.optionalWholeNumber("max-sae-id-count", KmsSettings.DEFAULT_MAX_SAE_ID_COUNT,
                closed(0, 1 << 10));
        long maxKeyCount = km.optionalWholeNumber("max-key-count", KmsSettings.DEFAULT_MAX_KEY_COUNT, atLeast(1));
        return km.build(() -> new KmsSettings(capacity, lowWater, ttl.orElseThrow(), keySize, maxPerRequest,
                minSize, maxSize, maxSaeIds, maxKeyCount));
    }

    private static int keySize(Section km, String key, int defaultBits) {
        long bits = km.optionalWholeNumber(key, defaultBits, closed(8, MAX_KEY_BITS));
        if (bits % 8 != 0) {
            km.reportAt(key, "must be a multiple of 8 bits, got " + bits);
        }
        return (int) bits;
    }

    /** A node's {@code kme} endpoint, empty when the node has none (or after reporting a problem). */
    static Optional<KmeEndpoint> endpoint(Section node) {
        if (!node.has("kme")) {
            return Optional.empty();
        }
        return node.optionalSection("kme").flatMap(kme -> {
            kme.allowOnly("host", "port");
            Optional<String> host = kme.optionalString("host", "127.0.0.1");
            long port = kme.requiredWholeNumber("port", closed(0, MAX_PORT));
            return kme.build(() -> new KmeEndpoint(host.orElseThrow(), (int) port));
        });
    }

    /** Reports two nodes' KMEs asking for the same non-zero host and port. */
    static void checkDistinctEndpoints(List<Section> nodeSections, List<Optional<KmeEndpoint>> endpoints) {
        Map<KmeEndpoint, String> seen = new HashMap<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Optional<KmeEndpoint> endpoint = endpoints.get(i);
            if (endpoint.isPresent() && endpoint.get().port() != 0) {
                String first = seen.putIfAbsent(endpoint.get(), nodeSections.get(i).pathOf("kme"));
                if (first != null) {
                    nodeSections.get(i).reportAt("kme", "host and port " + endpoint.get().host() + ":"
                            + endpoint.get().port() + " are already used by " + first);
                }
            }
        }
    }

    /** The {@code saes} list: ids well-formed and unique, each attached to a declared node. */
    static List<SaeSpec> saes(Section topology, List<String> declaredNodeIds) {
        List<SaeSpec> saes = new ArrayList<>();
        Map<String, String> pathsById = new HashMap<>();
        for (Section sae : topology.optionalSections("saes").orElse(List.of())) {
            sae.allowOnly("id", "node");
            Optional<String> id = sae.requiredString("id");
            Optional<String> node = sae.requiredString("node");
            id.ifPresent(given -> {
                String first = pathsById.putIfAbsent(given, sae.path());
                if (first != null) {
                    sae.reportAt("id", "duplicate SAE id '" + given + "', also used by " + first);
                } else {
                    Ids.checkSyntax(sae, "id", given);
                }
            });
            node.ifPresent(given -> {
                if (!declaredNodeIds.contains(given)) {
                    sae.reportAt("node", "unknown node '" + given + "'; SAEs attach to a declared node's KME");
                }
            });
            sae.build(() -> new SaeSpec(id.orElseThrow(), node.orElseThrow())).ifPresent(saes::add);
        }
        return saes;
    }
}
