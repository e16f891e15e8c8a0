package org.qnetem.kms;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;
import org.qnetem.kms.pool.LinkKeyPool;
import org.qnetem.kms.pool.LinkKeyPool.MirrorState;
import org.qnetem.kms.pool.LinkKeyPool.Segment;
import org.qnetem.kms.relay.WidestPath;
import org.qnetem.kms.relay.WidestPath.Edge;
import org.qnetem.kms.relay.WidestPath.Route;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.wire.v1.KeySegment;
import org.qnetem.wire.v1.KmeMessage;
import org.qnetem.wire.v1.PeerLevel;
import org.qnetem.wire.v1.PoolLevels;
import org.qnetem.wire.v1.RelayAborted;
import org.qnetem.wire.v1.RelayCancelled;
import org.qnetem.wire.v1.RelayDelivered;
import org.qnetem.wire.v1.RelayKeys;

/**
 * A key management entity: the key store of one trusted node. It holds a {@link LinkKeyPool} per
 * neighbouring KME, relays keys to non-adjacent KMEs hop by hop with one-time pads (REFERENCE §4.9) and
 * serves the SAEs attached to it through ETSI GS QKD 014 ({@link KeyDelivery}).
 *
 * <p><b>enc_keys.</b> The master's KME draws the keys for a slave's KME from the pool they share if they
 * are neighbours (and that hop is up with enough key), else over the widest path of its view of every
 * KME's pool levels ({@link PoolLevels} advertisements). The keys are the one-time pad of the first hop
 * itself (so the first hop sends only the pad's name); every later hop, every retry and every additional
 * slave's KME gets them encrypted with a fresh pad. Each relay's keys are registered at the destination
 * KME, which acknowledges back along the path, before the master gets them: a relay that stops halfway
 * (a hop down or dry) comes back as {@link RelayAborted} and is retried on a path without that hop, up
 * to {@value #MAX_RELAY_ATTEMPTS} times per destination. If a destination cannot be reached the request
 * fails with 503 and destinations already holding the keys are told to wipe them, so either both ends
 * hold a key or neither does (and the key_IDs, known only to the master's KME, were never handed out).
 *
 * <p><b>dec_keys.</b> Keys wait at the slave's KME for each addressed slave SAE to collect them once, and
 * are wiped when all have or when their TTL ends.
 *
 * <p><b>Messages.</b> KME messages are Wegman–Carter authenticated with the hop's link key
 * ({@link LinkKeyPool}); one that arrives before the key it names or its pad (the block finished later at
 * this end) waits, with everything behind it from the same peer, until the block arrives.
 *
 * <p>Not thread-safe: one owner (an actor, or a test) calls everything. Answers to SAEs are futures,
 * completed when the relays behind them are. Key material never appears in exceptions or logs.
 */
public final class Kme implements KeyDelivery {

    /** Paths tried per destination before a request fails. */
    public static final int MAX_RELAY_ATTEMPTS = 4;
    /** Purpose of the stream key_IDs are drawn from. */
    public static final String KEY_ID_PURPOSE = "kms-key-ids";

    private final String id;
    private final KmsSettings settings;
    private final Map<String, String> saeKmes;
    private final Map<String, LinkKeyPool> pools = new TreeMap<>();
    private final Map<String, String> linkPeers = new HashMap<>();
    /** Per peer, the generation of the pool shared with it (absent: 0), and the bits wiped when it started again. */
    private final Map<String, Integer> generations = new HashMap<>();
    private final Map<String, Long> wipedBits = new HashMap<>();
    private final Map<String, PoolLevels> advertised = new HashMap<>();
    private final Map<String, ArrayDeque<KmeMessage>> inbound = new HashMap<>();
    private final Map<String, ArrayDeque<KmeMessage.Builder>> outbound = new HashMap<>();
    private final Map<String, Destination> relays = new HashMap<>();
    private final StoredKeys stored = new StoredKeys();
    private final BlockHold hold = new BlockHold();
    private final List<LowWaterCrossed> events = new ArrayList<>();
    private final RandomStream keyIds;
    private final LongSupplier nanoClock;
    private final KmeTransport transport;
    private final long[] refused = new long[RefusalReason.values().length];
    private long relaySequence;
    private long levelsVersion;
    private long encKeysServed;
    private long decKeysServed;
    private long keysRelayed;
    private long keysExpired;
    private long relaysAborted;
    private long messagesRejected;
    private boolean out;

    /**
     * @param saeKmes   the KME of every SAE in the network
     * @param linkPeers the QKD links ending at this KME's node, each to the KME at its other end
     * @param keyIdKey  the stream key_IDs are drawn from
     * @param nanoClock a monotonic clock for key TTLs, in nanoseconds
     */
    public Kme(String id, KmsSettings settings, Map<String, String> saeKmes, Map<String, String> linkPeers,
               StreamKey keyIdKey, LongSupplier nanoClock, KmeTransport transport) {
        this.id = id;
        this.settings = settings;
        this.saeKmes = Map.copyOf(saeKmes);
        this.keyIds = new RandomStream(keyIdKey);
        this.nanoClock = nanoClock;
        this.transport = transport;
        linkPeers.forEach((link, peer) -> {
            this.linkPeers.put(link, peer);
            pools.computeIfAbsent(peer, p -> new LinkKeyPool(id, p, settings.poolCapacityBits(),
                    settings.lowWaterBits())).addLink(link);
        });
    }

    @Override
    public String kmeId() {
        return id;
    }

    // ---------------------------------------------------------------- feeding and control

    /**
     * A delivered key block of one of this node's links ({@code bits} bits of {@code key}, wiped here once read:
     * the runtime wiped each block twice when both it and this class did).
     * In a network without SAEs the block is only counted: nobody can ever ask for its key, so {@code key} may
     * be empty (the runtime sends none: making, copying and wiping every block's bytes for both ends was 5-10 %
     * of a 1,000-node run's CPU). A network with SAEs needs the bits themselves.
     */
    public void onKeyBlock(String linkId, long blockId, byte[] key, long bits) {
        if (!linkPeers.containsKey(linkId)) {
            throw new IllegalArgumentException("KME " + id + " has no link " + linkId);
        }
        if (!saeKmes.isEmpty() && 8L * key.length < bits) {
            throw new IllegalArgumentException("KME " + id + ": block " + blockId + " of link " + linkId + " came with "
                    + 8L * key.length + " bits of key material for " + bits + " bits; a network with SAEs keeps its"
                    + " key, so every block must carry it");
        }
        List<BlockHold.Block> ready = hold.deliver(new BlockHold.Block(linkId, blockId, key, bits));
        addBlocks(ready);
        // A block added now had these very bytes wiped by addBlocks; a held one is the hold's copy.
        if (ready.stream().noneMatch(block -> block.key() == key)) {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Holds ({@code held}) or releases a link's key blocks while the KME at either end is out ({@link BlockHold});
     * the runtime tells both ends at the same instant. Returns, when a hold ends, what this end held, for the
     * KME at the other end ({@link #onPeerWindow}).
     */
    public Optional<BlockHold.Window> holdLink(String linkId, boolean held) {
        if (!linkPeers.containsKey(linkId)) {
            throw new IllegalArgumentException("KME " + id + " has no link " + linkId);
        }
        BlockHold.Changed changed = hold.setHeld(linkId, held);
        addBlocks(changed.ready());
        return changed.closed();
    }

    /** What the KME at a link's other end held in one of the link's holds: settles the blocks held here. */
    public void onPeerWindow(BlockHold.Window window) {
        if (!linkPeers.containsKey(window.linkId())) {
            throw new IllegalArgumentException("KME " + id + " has no link " + window.linkId());
        }
        addBlocks(hold.onPeerWindow(window));
    }

    /**
     * Takes this KME out of service ({@code out}) or back: while out it refuses every ETSI call with 503
     * ({@link RefusalReason#KME_OUT}) and neither reads nor sends KME messages (they wait, as a transport
     * would retry them); back, it reads what waited and sends what it owes. Its links' key blocks are the
     * runtime's to hold ({@link #holdLink}).
     */
    public void setOut(boolean out) {
        this.out = out;
        if (!out) {
            for (String peer : pools.keySet()) {
                drainInbound(peer);
                flush(peer);
            }
        }
    }

    public boolean out() {
        return out;
    }

    /** Adds released blocks to their pools in order and wipes the hold's copies. */
    private void addBlocks(List<BlockHold.Block> blocks) {
        for (BlockHold.Block block : blocks) {
            addBlock(block.linkId(), block.blockId(), block.key(), block.bits());
            Arrays.fill(block.key(), (byte) 0);
        }
    }

    private void addBlock(String linkId, long blockId, byte[] key, long bits) {
        String peer = linkPeers.get(linkId);
        LinkKeyPool pool = pools.get(peer);
        if (saeKmes.isEmpty()) {
            pool.countBlock(bits);
            return;
        }
        pool.addBlock(linkId, blockId, key, bits);
        checkLowWater(pool);
        if (!out) {
            drainInbound(peer);
            flush(peer);
        }
    }

    /**
     * The KME at one end of {@code linkId} lost its state with its cluster member, and the link starts a new
     * life: the pool with the KME at its other end starts again as generation {@code generation} ({@link
     * LinkKeyPool#startAgain}: what it held is wiped and counted lost), the messages waiting for or to that KME
     * are dropped, the relays started here through it fail (where the keys went is unknown), and from now on
     * a message of another generation is refused; the link is up for relays or not as {@code up} says. Both
     * KMEs of the link are told before any key block of the new life reaches them. An older or repeated
     * generation is ignored.
     */
    public void renewPool(String linkId, int generation, boolean up) {
        String peer = linkPeers.get(linkId);
        if (peer == null) {
            throw new IllegalArgumentException("KME " + id + " has no link " + linkId);
        }
        if (generation <= generations.getOrDefault(peer, 0)) {
            return;
        }
        generations.put(peer, generation);
        LinkKeyPool pool = pools.get(peer);
        wipedBits.merge(peer, pool.startAgain(), Long::sum);
        pool.setLinkUp(linkId, up);
        inbound.remove(peer);
        outbound.remove(peer);
        for (Destination d : List.copyOf(relays.values())) {
            if (d.path.contains(peer)) {
                relays.remove(d.relayId);
                relaysAborted++;
                d.state = DestinationState.FAILED;
                settle(d.request);
            }
        }
    }

    /** Cuts or restores a link for the key layer: no relay starts over a peer whose links are all down. */
    public void setLinkUp(String linkId, boolean up) {
        String peer = linkPeers.get(linkId);
        if (peer == null) {
            throw new IllegalArgumentException("KME " + id + " has no link " + linkId);
        }
        pools.get(peer).setLinkUp(linkId, up);
    }

    /** This KME's routing advertisement, for every other KME. */
    public PoolLevels levels() {
        PoolLevels.Builder levels = PoolLevels.newBuilder().setKme(id).setVersion(++levelsVersion);
        pools.forEach((peer, pool) -> levels.addPeers(PeerLevel.newBuilder().setPeer(peer)
                .setBits(pool.ownedBits()).setUp(pool.usable())));
        return levels.build();
    }

    public void onPoolLevels(PoolLevels levels) {
        PoolLevels known = advertised.get(levels.getKme());
        if (!levels.getKme().equals(id) && (known == null || levels.getVersion() > known.getVersion())) {
            advertised.put(levels.getKme(), levels);
        }
    }

    /** Wipes the stored keys whose TTL has ended; returns how many. */
    public int expire() {
        int expired = stored.expire(nanoClock.getAsLong());
        keysExpired += expired;
        return expired;
    }

    public KmeCounters counters() {
        return new KmeCounters(encKeysServed, decKeysServed, keysRelayed, keysExpired, relaysAborted,
                messagesRejected, refused);
    }

    /** The pools by peer id. */
    public List<KmePool> pools() {
        return pools.values().stream().map(p -> new KmePool(p.peer(), p.ownedBits(), p.suppliedBits(),
                p.overflowBits(), p.spentBits(), p.lowWaterEvents(), p.usable(),
                p.linkIds().stream().mapToLong(hold::lostBits).sum() + wipedBits.getOrDefault(p.peer(), 0L)))
                .toList();
    }

    /** The pool this KME keeps with neighbour {@code peer}, for tests that look inside it. */
    LinkKeyPool poolWith(String peer) {
        return pools.get(peer);
    }

    /** Low-water warnings since the last call. */
    public List<LowWaterCrossed> drainEvents() {
        List<LowWaterCrossed> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** Keys waiting here for slave SAEs. */
    public int storedKeys() {
        return stored.size();
    }

    // ---------------------------------------------------------------- ETSI GS QKD 014

    @Override
    public CompletableFuture<Status> status(String masterSaeId, String slaveSaeId) {
        try {
            requireInService();
            expire();
            requireAttached(masterSaeId);
            String slaveKme = remoteKmeOf(slaveSaeId, "slave");
            long keys = Math.min(availableBits(slaveKme) / settings.keySize(), settings.maxKeyCount());
            return CompletableFuture.completedFuture(new Status(id, slaveKme, masterSaeId, slaveSaeId,
                    settings.keySize(), keys, settings.maxKeyCount(), settings.maxKeyPerRequest(),
                    settings.maxKeySize(), settings.minKeySize(), settings.maxSaeIdCount()));
        } catch (EtsiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<KeyContainer> encKeys(String masterSaeId, String slaveSaeId, KeyRequest request) {
        try {
            requireInService();
            expire();
            Request r = validate(masterSaeId, slaveSaeId, request);
            r.destinations.values().forEach(this::launch);
            settle(r);
            return r.result;
        } catch (EtsiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<KeyContainer> decKeys(String slaveSaeId, String masterSaeId, List<UUID> keyIds) {
        try {
            requireInService();
            expire();
            requireAttached(slaveSaeId);
            if (keyIds.isEmpty()) {
                throw refuse(RefusalReason.BAD_KEY_IDS, "no key_IDs given");
            }
            if (new HashSet<>(keyIds).size() != keyIds.size()) {
                throw refuse(RefusalReason.BAD_KEY_IDS, "a key_ID is given twice");
            }
            for (UUID keyId : keyIds) {
                StoredKeys.Entry entry = stored.get(keyId);
                if (entry == null) {
                    throw refuse(RefusalReason.UNKNOWN_KEY, "key_ID " + keyId + " is unknown, expired or used");
                }
                if (!entry.addressed.contains(slaveSaeId)) {
                    throw refuse(RefusalReason.NOT_ADDRESSED, "key_ID " + keyId + " is not addressed to SAE "
                            + slaveSaeId);
                }
                if (!entry.master.equals(masterSaeId)) {
                    throw refuse(RefusalReason.UNKNOWN_KEY, "key_ID " + keyId + " is not from master SAE "
                            + masterSaeId);
                }
                if (!entry.waiting.contains(slaveSaeId)) {
                    throw refuse(RefusalReason.UNKNOWN_KEY, "key_ID " + keyId + " was already collected by SAE "
                            + slaveSaeId);
                }
            }
            List<KeyContainer.Key> keys = new ArrayList<>();
            for (UUID keyId : keyIds) {
                byte[] key = stored.collect(keyId, slaveSaeId);
                keys.add(new KeyContainer.Key(keyId, key));
                Arrays.fill(key, (byte) 0);
            }
            decKeysServed += keys.size();
            return CompletableFuture.completedFuture(new KeyContainer(keys));
        } catch (EtsiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Request validate(String master, String slave, KeyRequest request) {
        requireAttached(master);
        String slaveKme = remoteKmeOf(slave, "slave");
        if (!request.extensionMandatory().isEmpty()) {
            throw refuse(RefusalReason.UNSUPPORTED_EXTENSION, "extension_mandatory: this KME supports no extension");
        }
        int number = request.number().orElse(1);
        if (number < 1 || number > settings.maxKeyPerRequest()) {
            throw refuse(RefusalReason.BAD_NUMBER, "number must be 1 to " + settings.maxKeyPerRequest()
                    + ", got " + number);
        }
        int size = request.size().orElse(settings.keySize());
        if (size % 8 != 0 || size < settings.minKeySize() || size > settings.maxKeySize()) {
            throw refuse(RefusalReason.BAD_SIZE, "size must be a multiple of 8 from " + settings.minKeySize()
                    + " to " + settings.maxKeySize() + ", got " + size);
        }
        List<String> additional = request.additionalSlaveSaeIds();
        if (additional.size() > settings.maxSaeIdCount()) {
            throw refuse(RefusalReason.BAD_SAE_IDS, "at most " + settings.maxSaeIdCount()
                    + " additional_slave_SAE_IDs, got " + additional.size());
        }
        Map<String, List<String>> slavesByKme = new LinkedHashMap<>();
        slavesByKme.computeIfAbsent(slaveKme, k -> new ArrayList<>()).add(slave);
        Set<String> named = new HashSet<>(List.of(master, slave));
        for (String extra : additional) {
            if (!named.add(extra)) {
                throw refuse(RefusalReason.BAD_SAE_IDS, "additional_slave_SAE_IDs: " + extra
                        + " is the master, the slave or given twice");
            }
            String extraKme = saeKmes.get(extra);
            if (extraKme == null) {
                throw refuse(RefusalReason.BAD_SAE_IDS, "additional_slave_SAE_IDs: unknown SAE " + extra);
            }
            if (extraKme.equals(id)) {
                throw refuse(RefusalReason.SAME_KME, "additional slave SAE " + extra
                        + " is attached to the master's KME " + id + "; no QKD link joins them");
            }
            slavesByKme.computeIfAbsent(extraKme, k -> new ArrayList<>()).add(extra);
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < number; i++) {
            ids.add(nextKeyId());
        }
        return new Request(master, number, size, ids, slavesByKme);
    }

    private void requireInService() {
        if (out) {
            throw refuse(RefusalReason.KME_OUT, "KME " + id + " is out of service; try again later");
        }
    }

    private void requireAttached(String sae) {
        if (!id.equals(saeKmes.get(sae))) {
            throw refuse(RefusalReason.NOT_ATTACHED, "SAE " + sae + " is not attached to KME " + id);
        }
    }

    private String remoteKmeOf(String sae, String role) {
        String kme = saeKmes.get(sae);
        if (kme == null) {
            throw refuse(RefusalReason.UNKNOWN_SAE, "unknown " + role + " SAE " + sae);
        }
        if (kme.equals(id)) {
            throw refuse(RefusalReason.SAME_KME, role + " SAE " + sae + " is attached to this KME " + id
                    + " too; no QKD link joins them");
        }
        return kme;
    }

    private EtsiException refuse(RefusalReason reason, String message) {
        refused[reason.ordinal()]++;
        return reason.exception(message);
    }

    private UUID nextKeyId() {
        long high = (keyIds.nextLong() & ~0xF000L) | 0x4000L;
        long low = (keyIds.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    // ---------------------------------------------------------------- routing

    /** The bits a pair draws from: the direct pool if that hop is up, else the widest path's bottleneck. */
    private long availableBits(String destination) {
        LinkKeyPool direct = pools.get(destination);
        if (direct != null && direct.usable()) {
            return direct.ownedBits();
        }
        return WidestPath.find(graph(), id, destination, Set.of()).map(Route::bottleneckBits).orElse(0L);
    }

    private Optional<Route> route(String destination, Set<Edge> excluded, long bits) {
        LinkKeyPool direct = pools.get(destination);
        if (direct != null && direct.usable() && direct.ownedBits() >= bits
                && !excluded.contains(new Edge(id, destination))) {
            return Optional.of(new Route(List.of(id, destination), direct.ownedBits()));
        }
        return WidestPath.find(graph(), id, destination, excluded).filter(r -> r.bottleneckBits() >= bits);
    }

    /** Usable hops and their bits: this KME's own exactly, the others' as last advertised. */
    private Map<String, Map<String, Long>> graph() {
        Map<String, Map<String, Long>> edges = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        pools.forEach((peer, pool) -> {
            if (pool.usable()) {
                own.put(peer, pool.ownedBits());
            }
        });
        edges.put(id, own);
        advertised.forEach((kme, levels) -> {
            Map<String, Long> theirs = new HashMap<>();
            for (PeerLevel peer : levels.getPeersList()) {
                if (peer.getUp()) {
                    theirs.put(peer.getPeer(), peer.getBits());
                }
            }
            edges.put(kme, theirs);
        });
        return edges;
    }

    // ---------------------------------------------------------------- relays started here

    private void launch(Destination d) {
        Request r = d.request;
        int bytes = r.number * r.sizeBits / 8;
        while (true) {
            Optional<Route> route = route(d.kme, d.excluded, 8L * bytes);
            if (route.isEmpty()) {
                d.state = DestinationState.FAILED;
                return;
            }
            List<String> path = route.get().path();
            String next = path.get(1);
            LinkKeyPool pool = pools.get(next);
            if (!canSend(next, pool, bytes)) {
                d.excluded.add(new Edge(id, next));
                continue;
            }
            LinkKeyPool.Taken pad = pool.take(bytes);
            checkLowWater(pool);
            ByteString ciphertext;
            if (r.keys == null) {
                r.keys = pad.bits().clone();
                ciphertext = ByteString.EMPTY;
            } else {
                ciphertext = xor(r.keys, pad.bits());
            }
            Arrays.fill(pad.bits(), (byte) 0);
            String relayId = id + "/" + ++relaySequence;
            d.relayId = relayId;
            d.path = path;
            d.state = DestinationState.IN_FLIGHT;
            relays.put(relayId, d);
            send(next, KmeMessage.newBuilder().setRelayKeys(RelayKeys.newBuilder().setRelayId(relayId)
                    .addAllPath(path).setHop(1).setMasterSaeId(r.master).addAllSlaveSaeIds(d.slaves)
                    .addAllKeyIds(r.ids.stream().map(UUID::toString).toList()).setKeyBits(r.sizeBits)
                    .addAllPad(pad.segments().stream().map(Kme::toProto).toList()).setCiphertext(ciphertext)));
            return;
        }
    }

    private void onRelayOutcome(String relayId, Edge failed) {
        Destination d = relays.remove(relayId);
        if (d == null || d.state != DestinationState.IN_FLIGHT) {
            messagesRejected++;
            return;
        }
        if (failed == null) {
            d.state = DestinationState.DELIVERED;
        } else {
            relaysAborted++;
            d.excluded.add(failed);
            if (++d.attempts >= MAX_RELAY_ATTEMPTS) {
                d.state = DestinationState.FAILED;
            } else {
                launch(d);
            }
        }
        settle(d.request);
    }

    /** Answers the master once every destination has settled: all delivered, or the request fails. */
    private void settle(Request r) {
        if (r.result.isDone() || r.destinations.values().stream().anyMatch(d -> d.state == DestinationState.IN_FLIGHT)) {
            return;
        }
        boolean delivered = r.destinations.values().stream().allMatch(d -> d.state == DestinationState.DELIVERED);
        if (delivered) {
            int keyBytes = r.sizeBits / 8;
            List<KeyContainer.Key> keys = new ArrayList<>();
            for (int i = 0; i < r.number; i++) {
                byte[] key = Arrays.copyOfRange(r.keys, i * keyBytes, (i + 1) * keyBytes);
                keys.add(new KeyContainer.Key(r.ids.get(i), key));
                Arrays.fill(key, (byte) 0);
            }
            encKeysServed += r.number;
            wipe(r.keys);
            r.result.complete(new KeyContainer(keys));
            return;
        }
        for (Destination d : r.destinations.values()) {
            if (d.state == DestinationState.DELIVERED) {
                send(d.path.get(1), KmeMessage.newBuilder().setRelayCancelled(RelayCancelled.newBuilder()
                        .setRelayId(d.relayId).addAllPath(d.path).setHop(1)
                        .addAllKeyIds(r.ids.stream().map(UUID::toString).toList())));
            }
        }
        wipe(r.keys);
        r.result.completeExceptionally(refuse(RefusalReason.INSUFFICIENT_KEY, "not enough key to reach KME "
                + r.destinations.values().stream().filter(d -> d.state == DestinationState.FAILED)
                        .map(d -> d.kme).findFirst().orElse("?") + " for " + r.number + " keys of " + r.sizeBits
                + " bits"));
    }

    // ---------------------------------------------------------------- messages

    /** A message from a neighbouring KME; handled in order once its key has arrived here. */
    public void receive(KmeMessage message) {
        String from = message.getFromKme();
        if (!message.getToKme().equals(id) || !pools.containsKey(from) || !message.hasAuthentication()
                || message.getPoolGeneration() != generations.getOrDefault(from, 0)) {
            messagesRejected++;
            return;
        }
        inbound.computeIfAbsent(from, p -> new ArrayDeque<>()).add(message);
        drainInbound(from);
    }

    private void drainInbound(String peer) {
        if (out) {
            return;
        }
        ArrayDeque<KmeMessage> queue = inbound.get(peer);
        LinkKeyPool pool = pools.get(peer);
        while (queue != null && !queue.isEmpty()) {
            KmeMessage m = queue.peek();
            AuthenticationTag tag = new AuthenticationTag(m.getAuthentication().getSequence(),
                    m.getAuthentication().getFirst(), m.getAuthentication().getSecond());
            if (!pool.canVerify(m.getAuthenticationLinkId(), tag)) {
                return;
            }
            Optional<List<Segment>> discarded = segments(m.getDiscardedList());
            Optional<List<Segment>> pad = segments(m.hasRelayKeys() ? m.getRelayKeys().getPadList() : List.of());
            MirrorState state = MirrorState.INVALID;
            if (discarded.isPresent() && pad.isPresent()) {
                List<Segment> named = new ArrayList<>(discarded.get());
                named.addAll(pad.get());
                state = pool.mirrorState(named);
            }
            if (state == MirrorState.WAIT) {
                return;
            }
            queue.poll();
            byte[] body = m.toBuilder().clearAuthentication().build().toByteArray();
            if (pool.verify(m.getAuthenticationLinkId(), body, tag) != AuthenticationVerdict.AUTHENTIC
                    || state == MirrorState.INVALID) {
                messagesRejected++;
                continue;
            }
            wipe(pool.takeMirror(discarded.get()));
            handle(peer, pool, m, pad.get());
        }
    }

    private void handle(String from, LinkKeyPool pool, KmeMessage m, List<Segment> pad) {
        switch (m.getPayloadCase()) {
            case RELAY_KEYS -> onRelayKeys(from, pool, m.getRelayKeys(), pad);
            case RELAY_DELIVERED -> {
                RelayDelivered d = m.getRelayDelivered();
                if (backwardOk(from, d.getPathList(), d.getHop())) {
                    if (d.getHop() == 0) {
                        onRelayOutcome(d.getRelayId(), null);
                    } else {
                        send(d.getPath(d.getHop() - 1), KmeMessage.newBuilder()
                                .setRelayDelivered(d.toBuilder().setHop(d.getHop() - 1)));
                    }
                }
            }
            case RELAY_ABORTED -> {
                RelayAborted a = m.getRelayAborted();
                if (backwardOk(from, a.getPathList(), a.getHop())) {
                    if (a.getHop() == 0) {
                        onRelayOutcome(a.getRelayId(), new Edge(a.getFailedFrom(), a.getFailedTo()));
                    } else {
                        send(a.getPath(a.getHop() - 1), KmeMessage.newBuilder()
                                .setRelayAborted(a.toBuilder().setHop(a.getHop() - 1)));
                    }
                }
            }
            case RELAY_CANCELLED -> onRelayCancelled(from, m.getRelayCancelled());
            case PAYLOAD_NOT_SET -> {
            }
        }
    }

    private void onRelayKeys(String from, LinkKeyPool pool, RelayKeys rk, List<Segment> padSegments) {
        int hop = rk.getHop();
        List<String> path = rk.getPathList();
        long totalBits = (long) rk.getKeyIdsCount() * rk.getKeyBits();
        long padBits = padSegments.stream().mapToLong(Segment::lengthBits).sum();
        boolean wellFormed = hop >= 1 && hop < path.size() && path.get(hop).equals(id)
                && path.get(hop - 1).equals(from) && rk.getKeyIdsCount() > 0 && rk.getKeyBits() > 0
                && rk.getKeyBits() % 8 == 0 && padBits == totalBits
                && (rk.getCiphertext().isEmpty() || 8L * rk.getCiphertext().size() == totalBits);
        byte[] pad = pool.takeMirror(padSegments);
        if (!wellFormed) {
            wipe(pad);
            messagesRejected++;
            return;
        }
        byte[] keys = rk.getCiphertext().isEmpty() ? pad : xor(rk.getCiphertext(), pad).toByteArray();
        if (keys != pad) {
            wipe(pad);
        }
        try {
            if (hop == path.size() - 1) {
                deliverHere(rk, keys);
            } else {
                relayOn(rk, keys);
            }
        } finally {
            wipe(keys);
        }
    }

    /** The relay's destination: registers the keys for the slave SAEs attached here, then acknowledges. */
    private void deliverHere(RelayKeys rk, byte[] keys) {
        List<String> path = rk.getPathList();
        int hop = rk.getHop();
        Optional<String> stranger = rk.getSlaveSaeIdsList().stream().filter(s -> !id.equals(saeKmes.get(s)))
                .findFirst();
        List<UUID> ids = new ArrayList<>();
        try {
            rk.getKeyIdsList().forEach(text -> ids.add(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            stranger = Optional.of("a malformed key_ID");
        }
        if (stranger.isPresent() || rk.getSlaveSaeIdsCount() == 0) {
            send(path.get(hop - 1), KmeMessage.newBuilder().setRelayAborted(RelayAborted.newBuilder()
                    .setRelayId(rk.getRelayId()).addAllPath(path).setHop(hop - 1).setFailedFrom(id).setFailedTo(id)
                    .setReason("destination KME " + id + " does not serve " + stranger.orElse("no slave SAE"))));
            return;
        }
        int keyBytes = rk.getKeyBits() / 8;
        long expiresAt = nanoClock.getAsLong() + settings.keyTtl().toNanos();
        for (int i = 0; i < ids.size(); i++) {
            stored.add(ids.get(i), new StoredKeys.Entry(rk.getMasterSaeId(), rk.getSlaveSaeIdsList(),
                    Arrays.copyOfRange(keys, i * keyBytes, (i + 1) * keyBytes), expiresAt));
        }
        send(path.get(hop - 1), KmeMessage.newBuilder().setRelayDelivered(RelayDelivered.newBuilder()
                .setRelayId(rk.getRelayId()).addAllPath(path).setHop(hop - 1)));
    }

    /** A trusted intermediate node: re-encrypts the keys with the next hop's pad, or aborts the relay. */
    private void relayOn(RelayKeys rk, byte[] keys) {
        List<String> path = rk.getPathList();
        int hop = rk.getHop();
        String next = path.get(hop + 1);
        LinkKeyPool pool = pools.get(next);
        if (!canSend(next, pool, keys.length)) {
            String reason = pool == null ? "no link to " + next : !pool.usable() ? "every link to " + next + " is down"
                    : "too little key or authentication key towards " + next;
            send(path.get(hop - 1), KmeMessage.newBuilder().setRelayAborted(RelayAborted.newBuilder()
                    .setRelayId(rk.getRelayId()).addAllPath(path).setHop(hop - 1).setFailedFrom(id)
                    .setFailedTo(next).setReason(reason)));
            return;
        }
        LinkKeyPool.Taken pad = pool.take(keys.length);
        checkLowWater(pool);
        ByteString ciphertext = xor(keys, pad.bits());
        wipe(pad.bits());
        keysRelayed += rk.getKeyIdsCount();
        send(next, KmeMessage.newBuilder().setRelayKeys(rk.toBuilder().setHop(hop + 1).clearPad()
                .addAllPad(pad.segments().stream().map(Kme::toProto).toList()).setCiphertext(ciphertext)));
    }

    private void onRelayCancelled(String from, RelayCancelled c) {
        List<String> path = c.getPathList();
        int hop = c.getHop();
        if (hop < 1 || hop >= path.size() || !path.get(hop).equals(id) || !path.get(hop - 1).equals(from)) {
            messagesRejected++;
            return;
        }
        if (hop < path.size() - 1) {
            send(path.get(hop + 1), KmeMessage.newBuilder().setRelayCancelled(c.toBuilder().setHop(hop + 1)));
            return;
        }
        for (String keyId : c.getKeyIdsList()) {
            try {
                stored.remove(UUID.fromString(keyId));
            } catch (IllegalArgumentException e) {
                messagesRejected++;
            }
        }
    }

    private boolean backwardOk(String from, List<String> path, int hop) {
        boolean ok = hop >= 0 && hop + 1 < path.size() && path.get(hop).equals(id) && path.get(hop + 1).equals(from);
        if (!ok) {
            messagesRejected++;
        }
        return ok;
    }

    /** Whether {@code bytes} of pad can go to {@code peer} now, with a tag for the message behind the queue. */
    private boolean canSend(String peer, LinkKeyPool pool, int bytes) {
        return pool != null && pool.usable() && pool.ownedBits() >= 8L * bytes
                && pool.authenticationLink(queued(peer)).isPresent();
    }

    private int queued(String peer) {
        ArrayDeque<KmeMessage.Builder> queue = outbound.get(peer);
        return queue == null ? 0 : queue.size();
    }

    private void send(String peer, KmeMessage.Builder message) {
        outbound.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(message);
        flush(peer);
    }

    /** Tags and sends queued messages while authentication key lasts; reports dropped own-share bits. */
    private void flush(String peer) {
        if (out) {
            return;
        }
        LinkKeyPool pool = pools.get(peer);
        ArrayDeque<KmeMessage.Builder> queue = outbound.computeIfAbsent(peer, p -> new ArrayDeque<>());
        if (queue.isEmpty() && pool.hasPendingDiscards()) {
            queue.add(KmeMessage.newBuilder());
        }
        while (!queue.isEmpty()) {
            Optional<String> link = pool.authenticationLink(0);
            if (link.isEmpty()) {
                return;
            }
            KmeMessage.Builder b = queue.poll().setFromKme(id).setToKme(peer).setAuthenticationLinkId(link.get())
                    .setPoolGeneration(generations.getOrDefault(peer, 0)).clearAuthentication();
            pool.drainDiscards().forEach(s -> b.addDiscarded(toProto(s)));
            AuthenticationTag tag = pool.tag(link.get(), b.build().toByteArray());
            b.setAuthentication(org.qnetem.wire.v1.AuthenticationTag.newBuilder().setSequence(tag.sequence())
                    .setFirst(tag.first()).setSecond(tag.second()));
            transport.send(b.build());
        }
    }

    private void checkLowWater(LinkKeyPool pool) {
        if (pool.crossedLowWater()) {
            events.add(new LowWaterCrossed(id, pool.peer(), pool.ownedBits(), settings.lowWaterBits()));
        }
    }

    private static Optional<List<Segment>> segments(List<KeySegment> protos) {
        List<Segment> segments = new ArrayList<>();
        for (KeySegment s : protos) {
            if (s.getOffsetBits() < 0 || s.getLengthBits() <= 0 || s.getOffsetBits() % 8 != 0
                    || s.getLengthBits() % 8 != 0 || s.getOffsetBits() > Integer.MAX_VALUE * 8L
                    || s.getLengthBits() > Integer.MAX_VALUE * 8L) {
                return Optional.empty();
            }
            segments.add(new Segment(s.getLinkId(), s.getBlockId(), s.getOffsetBits(), s.getLengthBits()));
        }
        return Optional.of(segments);
    }

    private static KeySegment toProto(Segment s) {
        return KeySegment.newBuilder().setLinkId(s.linkId()).setBlockId(s.blockId()).setOffsetBits(s.offsetBits())
                .setLengthBits(s.lengthBits()).build();
    }

    private static ByteString xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return ByteString.copyFrom(out);
    }

    private static ByteString xor(ByteString a, byte[] b) {
        return xor(a.toByteArray(), b);
    }

    private static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    // ---------------------------------------------------------------- request state

    private enum DestinationState { PENDING, IN_FLIGHT, DELIVERED, FAILED }

    /** One enc_keys call in progress: its keys go to every destination KME or to none. */
    private final class Request {
        final String master;
        final int number;
        final int sizeBits;
        final List<UUID> ids;
        final Map<String, Destination> destinations = new LinkedHashMap<>();
        final CompletableFuture<KeyContainer> result = new CompletableFuture<>();
        byte[] keys;

        Request(String master, int number, int sizeBits, List<UUID> ids, Map<String, List<String>> slavesByKme) {
            this.master = master;
            this.number = number;
            this.sizeBits = sizeBits;
            this.ids = List.copyOf(ids);
            slavesByKme.forEach((kme, slaves) -> destinations.put(kme, new Destination(this, kme, slaves)));
        }
    }

    /** One destination KME of a request and the relay currently carrying the keys there. */
    private static final class Destination {
        final Request request;
        final String kme;
        final List<String> slaves;
        final Set<Edge> excluded = new HashSet<>();
        DestinationState state = DestinationState.PENDING;
        int attempts;
        String relayId;
        List<String> path;

        Destination(Request request, String kme, List<String> slaves) {
            this.request = request;
            this.kme = kme;
            this.slaves = List.copyOf(slaves);
        }
    }
}
