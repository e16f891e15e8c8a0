package org.qnetem.kms.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.authentication.AuthenticationKeyPool;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.authentication.AuthenticationVerdict;
import org.qnetem.qkd.authentication.Authenticator;
import org.qnetem.qkd.authentication.Direction;

/**
 * The key one KME shares with one neighbouring KME, fed by the delivered key blocks of every QKD link
 * between them. Both ends receive each link's blocks with identical bits, in the same order per link.
 *
 * <p><b>Who may use which bits.</b> The ends never race for the same bits: each block is cut in thirds
 * ({@link #authenticationBytes}): the first feeds the link's KME authentication key pool, and the rest is
 * split in two halves (a trailing odd byte and bits are left unused). Thirds because a relay of one
 * 256-bit key costs each hop 256 key bits of the sender's share and one 128-bit pad each way (the keys
 * forward, the acknowledgement back), so pads and key run out together; a fixed authentication share
 * would run dry first under many small requests and leave acknowledgements waiting for the next block. The KME whose id sorts
 * first owns the first half, the other the second. A KME spends only its own share, in arrival order,
 * and every message it sends names the bits it spent ({@link Segment}: link, block, offset, length);
 * the peer holds a copy of that share (the mirror) and takes exactly the named bits from it. So the rule
 * needs no coordination, and the two ends' shares drift apart only by messages in flight. Blocks of
 * different links may arrive in different orders at the two ends; naming the block keeps that harmless.
 *
 * <p><b>Capacity.</b> Each share holds at most half the pool's capacity. Only the owner decides what
 * overflows (its own level is exact; its peer's view of it lags by the messages in flight): it keeps
 * what fits of a new block's half, drops the rest (counted in {@link #overflowBits()}) and tells the
 * peer in its next message ({@link #drainDiscards()}; the KME sends one at once if none is queued), which
 * drops the same bits from its mirror. So the mirror holds the peer's share and the drops in flight.
 *
 * <p><b>Authentication.</b> Each link has its own Wegman–Carter key pool, so that every pad both ends
 * use comes from one link's blocks in that link's order. The KME whose id sorts first authenticates as
 * end a ({@link Direction#A_TO_B}). A link's pool keeps only the newest {@link #authenticationWindowBits}
 * of its pad stream (half the capacity between the links to the peer): a rule on the block sequence alone,
 * which both ends apply alike, so it needs no message (see {@code LinkAuthentication.replenish}). Without
 * it a pool nobody sends messages over kept a third of every block for ever.
 *
 * <p>Not thread-safe. Key bits never appear in {@link #toString()} or exception messages; used bits are
 * zeroed.
 */
public final class LinkKeyPool {

    /** An authentication key pool starts when it can hold its hash key and at least one pad each way. */
    private static final int AUTHENTICATION_BOOTSTRAP_BYTES = 64;

    /** The smallest authentication window: 64 pads each way in the newer half a sender uses. */
    static final long MIN_AUTHENTICATION_WINDOW_BITS = 4 * 64 * 128;

    /** Bits of one delivered key block of a link: offset and length are multiples of 8. */
    public record Segment(String linkId, long blockId, long offsetBits, long lengthBits) {
        public Segment {
            if (offsetBits < 0 || lengthBits <= 0 || offsetBits % 8 != 0 || lengthBits % 8 != 0) {
                throw new IllegalArgumentException("a segment is a positive whole number of bytes at a byte offset, got "
                        + offsetBits + "+" + lengthBits + " bits");
            }
        }
    }

    /** Bits taken from the own share: where they came from, and the bits (the caller wipes them after use). */
    public record Taken(List<Segment> segments, byte[] bits) {
    }

    /** Whether the mirror can serve a list of named segments now. */
    public enum MirrorState {
        READY,
        /** A named block has not arrived here yet (it finishes later at this end). */
        WAIT,
        /** Bits already used, outside the share, or from a block long gone: the message is wrong. */
        INVALID
    }

    private final String self;
    private final String peer;
    private final boolean selfIsA;
    private final long shareCapacityBytes;
    private final long lowWaterBits;
    private final Map<String, LinkAuthentication> links = new TreeMap<>();
    private final ArrayDeque<OwnedSegment> owned = new ArrayDeque<>();
    private final Map<BlockRef, MirrorBlock> mirror = new HashMap<>();
    private final Set<BlockRef> retired = new HashSet<>();
    private final List<Segment> pendingDiscards = new ArrayList<>();
    private long ownedBytes;
    private long suppliedBits;
    private long overflowBits;
    private long spentBits;
    private long lowWaterEvents;
    private boolean belowLowWater = true;

    public LinkKeyPool(String self, String peer, long poolCapacityBits, long lowWaterBits) {
        if (self.equals(peer)) {
            throw new IllegalArgumentException("a KME has no pool with itself: " + self);
        }
        this.self = self;
        this.peer = peer;
        this.selfIsA = self.compareTo(peer) < 0;
        this.shareCapacityBytes = poolCapacityBits / 16;
        this.lowWaterBits = lowWaterBits;
    }

    public String peer() {
        return peer;
    }

    /** Declares a QKD link to the peer; a link starts up. */
    public void addLink(String linkId) {
        links.putIfAbsent(linkId, new LinkAuthentication(selfIsA ? Direction.A_TO_B : Direction.B_TO_A));
    }

    public Set<String> linkIds() {
        return links.keySet();
    }

    public void setLinkUp(String linkId, boolean up) {
        link(linkId).up = up;
    }

    /** True while at least one link to the peer is up: only then may new relays use this pool. */
    public boolean usable() {
        return links.values().stream().anyMatch(l -> l.up);
    }

    /**
     * Adds a delivered key block of {@code linkId}: {@code bits} bits, bit i being bit i % 8 of byte i / 8
     * of {@code key} (which the caller still owns and wipes).
     */
    public void addBlock(String linkId, long blockId, byte[] key, long bits) {
        LinkAuthentication authentication = link(linkId);
        int bytes = (int) Math.min(key.length, bits / 8);
        suppliedBits += 8L * bytes;
        int authenticationBytes = authenticationBytes(bytes);
        authentication.replenish(Arrays.copyOfRange(key, 0, authenticationBytes), authenticationWindowBits());
        int half = (bytes - authenticationBytes) / 2;
        int first = authenticationBytes;
        int second = authenticationBytes + half;
        int mine = selfIsA ? first : second;
        int theirs = selfIsA ? second : first;
        BlockRef ref = new BlockRef(linkId, blockId);
        int admitted = (int) Math.max(0, Math.min(half, shareCapacityBytes - ownedBytes));
        if (admitted > 0) {
            owned.add(new OwnedSegment(ref, mine, Arrays.copyOfRange(key, mine, mine + admitted)));
            ownedBytes += admitted;
        }
        if (admitted < half) {
            pendingDiscards.add(new Segment(linkId, blockId, 8L * (mine + admitted), 8L * (half - admitted)));
            overflowBits += 8L * (half - admitted);
        }
        if (half > 0) {
            mirror.put(ref, new MirrorBlock(theirs, Arrays.copyOfRange(key, theirs, theirs + half)));
        } else {
            retired.add(ref);
        }
    }

    /**
     * Counts a delivered block of {@code bits} bits without keeping its bits, for a network without SAEs, where no
     * key can ever be asked for and holding key material would only fill the heap (a generated 1,000-node network
     * ran out of 4 GiB): supply, own share and overflow follow {@link #addBlock}'s rule, and nothing is spent.
     */
    public void countBlock(long bits) {
        int bytes = (int) (bits / 8);
        suppliedBits += 8L * bytes;
        int half = (bytes - authenticationBytes(bytes)) / 2;
        int admitted = (int) Math.max(0, Math.min(half, shareCapacityBytes - ownedBytes));
        ownedBytes += admitted;
        overflowBits += 8L * (half - admitted);
    }

    /**
     * Bytes of a {@code blockBytes}-byte block that go to authentication: a third, and at least what bootstraps
     * an authentication pool (all of a smaller block).
     */
    public static int authenticationBytes(int blockBytes) {
        return Math.min(blockBytes, Math.max(blockBytes / 3, AUTHENTICATION_BOOTSTRAP_BYTES));
    }

    /**
     * Pad-stream bits each link's authentication pool keeps: half the pool's capacity (as much as a share),
     * split between the links to the peer, and at least {@value #MIN_AUTHENTICATION_WINDOW_BITS}.
     */
    long authenticationWindowBits() {
        return Math.max(MIN_AUTHENTICATION_WINDOW_BITS, 8 * shareCapacityBytes / links.size());
    }

    /** Bits of the peer's share this end holds (the mirror): what the peer may still send, or dropped unannounced. */
    public long mirrorBits() {
        return 8 * mirror.values().stream().mapToLong(b -> b.remaining).sum();
    }

    /** Key bits held for authentication: each link's pad stream still in memory, or its bootstrap bytes so far. */
    public long authenticationBits() {
        return links.values().stream().mapToLong(LinkAuthentication::heldBits).sum();
    }

    /** Bits of this KME's own share: what it can still send to the peer. */
    public long ownedBits() {
        return 8 * ownedBytes;
    }

    public long suppliedBits() {
        return suppliedBits;
    }

    /** Bits of the own share dropped because the share was full. */
    public long overflowBits() {
        return overflowBits;
    }

    /** Bits of the own share spent as one-time pads. */
    public long spentBits() {
        return spentBits;
    }

    public long lowWaterEvents() {
        return lowWaterEvents;
    }

    /** True exactly when the own share has just fallen below the low-water mark (counted as an event). */
    public boolean crossedLowWater() {
        boolean below = ownedBits() < lowWaterBits;
        boolean crossed = below && !belowLowWater;
        belowLowWater = below;
        if (crossed) {
            lowWaterEvents++;
        }
        return crossed;
    }

    /**
     * Starts the pool again as new, because the KME at the other end lost its copy with its state: every bit
     * held (the own share, the mirror, each link's authentication key) is wiped, and each link keeps only
     * whether it is up. Returns the bits wiped. Supply, overflow, spending and low-water counts go on.
     */
    public long startAgain() {
        long wiped = ownedBits() + mirrorBits() + authenticationBits();
        owned.forEach(segment -> Arrays.fill(segment.bits, (byte) 0));
        owned.clear();
        ownedBytes = 0;
        mirror.values().forEach(block -> Arrays.fill(block.bits, (byte) 0));
        mirror.clear();
        retired.clear();
        pendingDiscards.clear();
        links.replaceAll((linkId, old) -> old.replacement());
        belowLowWater = true;
        return wiped;
    }

    /** Takes the oldest {@code bytes} bytes of the own share. */
    public Taken take(int bytes) {
        if (bytes <= 0 || bytes > ownedBytes) {
            throw new IllegalArgumentException("cannot take " + bytes + " bytes from a share of " + ownedBytes);
        }
        byte[] out = new byte[bytes];
        List<Segment> segments = new ArrayList<>();
        int done = 0;
        while (done < bytes) {
            OwnedSegment head = owned.peek();
            int n = Math.min(bytes - done, head.remaining());
            System.arraycopy(head.bits, head.position, out, done, n);
            Arrays.fill(head.bits, head.position, head.position + n, (byte) 0);
            segments.add(new Segment(head.ref.linkId, head.ref.blockId, 8L * (head.offset + head.position), 8L * n));
            head.position += n;
            done += n;
            if (head.remaining() == 0) {
                owned.poll();
            }
        }
        ownedBytes -= bytes;
        spentBits += 8L * bytes;
        return new Taken(List.copyOf(segments), out);
    }

    /** Own-share bits dropped since the last call, for the next message to the peer. */
    public List<Segment> drainDiscards() {
        List<Segment> drained = List.copyOf(pendingDiscards);
        pendingDiscards.clear();
        return drained;
    }

    public boolean hasPendingDiscards() {
        return !pendingDiscards.isEmpty();
    }

    public MirrorState mirrorState(List<Segment> segments) {
        MirrorState state = MirrorState.READY;
        for (Segment s : segments) {
            BlockRef ref = new BlockRef(s.linkId(), s.blockId());
            MirrorBlock block = mirror.get(ref);
            if (block == null) {
                if (retired.contains(ref) || !links.containsKey(s.linkId())) {
                    return MirrorState.INVALID;
                }
                state = MirrorState.WAIT;
            } else if (!block.canServe(s)) {
                return MirrorState.INVALID;
            }
        }
        return state;
    }

    /** The named bits of the peer's share, concatenated; they are used up. Check {@link #mirrorState} first. */
    public byte[] takeMirror(List<Segment> segments) {
        if (mirrorState(segments) != MirrorState.READY) {
            throw new IllegalArgumentException("segments not servable from the mirror of " + peer);
        }
        long total = segments.stream().mapToLong(Segment::lengthBits).sum() / 8;
        byte[] out = new byte[Math.toIntExact(total)];
        int done = 0;
        for (Segment s : segments) {
            BlockRef ref = new BlockRef(s.linkId(), s.blockId());
            MirrorBlock block = mirror.get(ref);
            done += block.take(s, out, done);
            if (block.remaining == 0) {
                mirror.remove(ref);
                retired.add(ref);
            }
        }
        return out;
    }

    /** Some link whose authentication pool has a pad for the next {@code queued + 1} outgoing messages. */
    public Optional<String> authenticationLink(int queued) {
        return links.entrySet().stream().filter(e -> e.getValue().outgoingPads() > queued).map(Map.Entry::getKey)
                .findFirst();
    }

    public AuthenticationTag tag(String linkId, byte[] message) {
        return link(linkId).authenticator.tag(message);
    }

    /** Whether a tag of {@code linkId} can be checked now; false while its pad has not arrived here yet. */
    public boolean canVerify(String linkId, AuthenticationTag tag) {
        LinkAuthentication l = links.get(linkId);
        if (l == null) {
            return true;
        }
        if (l.authenticator == null) {
            return false;
        }
        Direction incoming = l.authenticator.outgoing().reverse();
        AuthenticationKeyPool pool = l.authenticator.pool();
        return tag.sequence() < pool.nextSequence(incoming) || pool.hasPad(incoming, tag.sequence());
    }

    /** Checks a tag; an unknown link or a link without authentication key yet is a mismatch. */
    public AuthenticationVerdict verify(String linkId, byte[] message, AuthenticationTag tag) {
        LinkAuthentication l = links.get(linkId);
        if (l == null || l.authenticator == null) {
            return AuthenticationVerdict.TAG_MISMATCH;
        }
        return l.authenticator.verify(message, tag);
    }

    private LinkAuthentication link(String linkId) {
        LinkAuthentication l = links.get(linkId);
        if (l == null) {
            throw new IllegalArgumentException("link " + linkId + " does not join " + self + " and " + peer);
        }
        return l;
    }

    @Override
    public String toString() {
        return "LinkKeyPool[" + self + "->" + peer + ", own " + ownedBits() + " bits, supplied " + suppliedBits
                + ", overflow " + overflowBits + ", spent " + spentBits + "]";
    }

    private record BlockRef(String linkId, long blockId) {
    }

    /** Part of a block in the own share; {@code offset} is the byte offset of {@code bits} in the block. */
    private static final class OwnedSegment {
        final BlockRef ref;
        final int offset;
        final byte[] bits;
        int position;

        OwnedSegment(BlockRef ref, int offset, byte[] bits) {
            this.ref = ref;
            this.offset = offset;
            this.bits = bits;
        }

        int remaining() {
            return bits.length - position;
        }
    }

    /** The peer's half of one block, as this end holds it; bytes are wiped as they are used. */
    private static final class MirrorBlock {
        final int offset;
        final byte[] bits;
        final BitSet used = new BitSet();
        int remaining;

        MirrorBlock(int offset, byte[] bits) {
            this.offset = offset;
            this.bits = bits;
            this.remaining = bits.length;
        }

        boolean canServe(Segment s) {
            long from = s.offsetBits() / 8 - offset;
            long to = from + s.lengthBits() / 8;
            if (from < 0 || to > bits.length) {
                return false;
            }
            int firstUsed = used.nextSetBit((int) from);
            return firstUsed < 0 || firstUsed >= to;
        }

        int take(Segment s, byte[] out, int at) {
            int from = (int) (s.offsetBits() / 8 - offset);
            int n = (int) (s.lengthBits() / 8);
            System.arraycopy(bits, from, out, at, n);
            Arrays.fill(bits, from, from + n, (byte) 0);
            used.set(from, from + n);
            remaining -= n;
            return n;
        }
    }

    /** One link's KME authentication: bootstrapped from the first blocks' authentication bytes. */
    private static final class LinkAuthentication {
        final Direction outgoing;
        boolean up = true;
        Authenticator authenticator;
        byte[] bootstrap = new byte[0];

        LinkAuthentication(Direction outgoing) {
            this.outgoing = outgoing;
        }

        /**
         * Appends a block's authentication bytes, then keeps the last {@code windowBits} of the pad stream: pads
         * of this end's messages older than the newer half of that, and of the peer's older than all of it, are
         * burnt unused. Both ends append the same bytes in the same order, so the rule needs no message; a
         * message's pad is still held at the other end unless that end has since received more than half a
         * window of authentication key its sender had not, many blocks, where a block reaches the two ends of
         * a link within moments of each other.
         */
        void replenish(byte[] bytes, long windowBits) {
            if (authenticator != null) {
                AuthenticationKeyPool pool = authenticator.pool();
                pool.replenish(PackedBits.fromBytes(bytes, 8 * bytes.length));
                Arrays.fill(bytes, (byte) 0);
                pool.burnBefore(outgoing, pool.streamBits() - windowBits / 2);
                pool.burnBefore(outgoing.reverse(), pool.streamBits() - windowBits);
                return;
            }
            byte[] joined = Arrays.copyOf(bootstrap, bootstrap.length + bytes.length);
            System.arraycopy(bytes, 0, joined, bootstrap.length, bytes.length);
            Arrays.fill(bootstrap, (byte) 0);
            Arrays.fill(bytes, (byte) 0);
            bootstrap = joined;
            if (bootstrap.length >= AUTHENTICATION_BOOTSTRAP_BYTES) {
                authenticator = new Authenticator(AuthenticationKeyPool.fromBytes(bootstrap), outgoing);
                Arrays.fill(bootstrap, (byte) 0);
                bootstrap = new byte[0];
            }
        }

        long heldBits() {
            return authenticator == null ? 8L * bootstrap.length : authenticator.pool().heldBits();
        }

        /** A fresh authentication for the link, as up as this one; this one's key is wiped. */
        LinkAuthentication replacement() {
            Arrays.fill(bootstrap, (byte) 0);
            if (authenticator != null) {
                AuthenticationKeyPool pool = authenticator.pool();
                pool.burnBefore(outgoing, pool.streamBits());
                pool.burnBefore(outgoing.reverse(), pool.streamBits());
            }
            LinkAuthentication fresh = new LinkAuthentication(outgoing);
            fresh.up = up;
            return fresh;
        }

        long outgoingPads() {
            return authenticator == null ? 0 : authenticator.pool().availablePads(outgoing);
        }
    }
}
