package org.qnetem.runtime.run;

import java.util.List;

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

    public MemberLoss noticedAt(long emulatedPs) {
        return new MemberLoss(member, regions, nodes, links, emulatedPs);
    }
}
