package org.qnetem.kms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One KME's end of the links whose key blocks are held because the KME at one end is out (a KME outage):
 * the blocks that reach an out KME are lost, and the KME at the link's other end must lose exactly the same
 * ones, or the two ends' pools (and the authentication keys cut from them) would differ for good.
 *
 * <p>The two ends cannot agree by time: one end of a link delivers a block a classical round trip or more
 * after the other. So both ends hold the link's blocks, in delivery order, while it is held (a <em>window</em>;
 * the runtime opens and closes each window at both ends at the same instant), and when a window closes each
 * end sends the other the ids it held in it ({@link Window}). A block is lost when both ends held it in the
 * same window: it reached the out KME while that was out and the up KME while it knew the other was out.
 * Every other held block is released to the pool, in delivery order, which is block order at both ends, so
 * both pools take the same blocks in the same order. Blocks that arrive after a window closed wait behind its
 * blocks until the peer's list for that window has come.
 *
 * <p>Not thread-safe; one owner ({@link Kme}).
 */
public final class BlockHold {

    /** A delivered key block: {@code bits} bits of {@code key}. */
    public record Block(String linkId, long blockId, byte[] key, long bits) {
        @Override
        public String toString() {
            return "Block[" + linkId + " " + blockId + ", " + bits + " bits]";
        }
    }

    /** The blocks one end held in window {@code sequence} (1, 2, …) of a link, for the other end. */
    public record Window(String linkId, long sequence, long[] blockIds) {
        public Window {
            blockIds = blockIds.clone();
        }

        @Override
        public long[] blockIds() {
            return blockIds.clone();
        }
    }

    /** A held block and the window it arrived in; 0: after a window closed, so never lost. */
    private record Held(Block block, long window) {
    }

    private static final class LinkHold {
        long windows;
        boolean open;
        List<Long> openIds = new ArrayList<>();
        final ArrayDeque<Held> queue = new ArrayDeque<>();
        final Map<Long, Set<Long>> peerWindows = new HashMap<>();
        long lostBits;
        long lostBlocks;
    }

    private final Map<String, LinkHold> links = new HashMap<>();

    /** What changing a window gave: the ids held in it when it closed (for the other end), and blocks now ready. */
    public record Changed(Optional<Window> closed, List<Block> ready) {
    }

    /**
     * A block delivered here: returns the blocks ready for the pool now, in order (this one, unless it must
     * wait; then the hold keeps a copy of its key and the caller still wipes its own).
     */
    public List<Block> deliver(Block block) {
        LinkHold link = links.get(block.linkId());
        if (link == null || !link.open && link.queue.isEmpty()) {
            return List.of(block);
        }
        Block copy = new Block(block.linkId(), block.blockId(), block.key().clone(), block.bits());
        if (link.open) {
            link.openIds.add(block.blockId());
            link.queue.add(new Held(copy, link.windows));
        } else {
            link.queue.add(new Held(copy, 0));
        }
        return release(link);
    }

    /**
     * Opens ({@code held}) or closes a window on a link; a close gives the ids held in it, for the other end.
     * Opening an open window or closing a closed one changes nothing.
     */
    public Changed setHeld(String linkId, boolean held) {
        LinkHold link = links.computeIfAbsent(linkId, id -> new LinkHold());
        if (held == link.open) {
            return new Changed(Optional.empty(), List.of());
        }
        link.open = held;
        if (held) {
            link.windows++;
            return new Changed(Optional.empty(), List.of());
        }
        long[] ids = link.openIds.stream().mapToLong(Long::longValue).toArray();
        link.openIds = new ArrayList<>();
        return new Changed(Optional.of(new Window(linkId, link.windows, ids)), release(link));
    }

    /** The other end's list for one window: returns the blocks now ready for the pool, in order. */
    public List<Block> onPeerWindow(Window window) {
        LinkHold link = links.computeIfAbsent(window.linkId(), id -> new LinkHold());
        Set<Long> ids = new HashSet<>();
        Arrays.stream(window.blockIds()).forEach(ids::add);
        link.peerWindows.put(window.sequence(), ids);
        return release(link);
    }

    /**
     * Settles the held blocks from the oldest while their fate is known: a block held in window w once the
     * peer's list for w is here (lost if the peer held it in w too), a block that came after a window at once.
     */
    private static List<Block> release(LinkHold link) {
        List<Block> ready = new ArrayList<>();
        while (!link.queue.isEmpty()) {
            Held head = link.queue.peek();
            Set<Long> peer = head.window() == 0 ? Set.of() : link.peerWindows.get(head.window());
            if (peer == null) {
                break;
            }
            link.queue.poll();
            if (peer.contains(head.block().blockId())) {
                link.lostBits += head.block().bits();
                link.lostBlocks++;
                Arrays.fill(head.block().key(), (byte) 0);
            } else {
                ready.add(head.block());
            }
        }
        long oldestNeeded = link.queue.stream().mapToLong(Held::window).filter(w -> w > 0).min()
                .orElse(link.open ? link.windows : link.windows + 1);
        link.peerWindows.keySet().removeIf(sequence -> sequence < Math.min(oldestNeeded,
                link.open ? link.windows : link.windows + 1));
        return ready;
    }

    /** Bits of the link's blocks lost here so far. */
    public long lostBits(String linkId) {
        LinkHold link = links.get(linkId);
        return link == null ? 0 : link.lostBits;
    }

    public long lostBlocks(String linkId) {
        LinkHold link = links.get(linkId);
        return link == null ? 0 : link.lostBlocks;
    }

    /** Blocks waiting here for a window to close or for the peer's list. */
    public int heldBlocks() {
        return links.values().stream().mapToInt(l -> l.queue.size()).sum();
    }
}
