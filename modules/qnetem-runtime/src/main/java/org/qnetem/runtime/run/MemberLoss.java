package org.qnetem.runtime.run;

import java.util.List;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * A cluster member that died during a run, and what lived on it: its topology regions, their nodes (with
 * their KMEs) and the links whose observer lived with them (their statistics before the loss are gone);
 * {@code noticedAtPs}: the emulated time the run had reached when the cluster removed the member (-1 until
 * the run notes it).
 */
public record MemberLoss(String member, List<Integer> regions, List<String> nodes, List<String> links,
                         long noticedAtPs) {

    public MemberLoss {
        regions = List.copyOf(regions);
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** Whether {@code link} lost an end or its observer with the member. */
    public boolean affects(LinkSpec link) {
        return links.contains(link.id()) || nodes.contains(link.transmitterId()) || nodes.contains(link.receiverId());
    }

    public MemberLoss noticedAt(long emulatedPs) {
        return new MemberLoss(member, regions, nodes, links, emulatedPs);
    }
}
