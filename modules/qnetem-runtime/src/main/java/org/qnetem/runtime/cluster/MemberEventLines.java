package org.qnetem.runtime.cluster;

import java.util.Optional;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;

/** The one line a member prints for each membership or reachability change it sees. */
final class MemberEventLines {

    private MemberEventLines() {
    }

    static Optional<String> describe(ClusterEvent.ClusterDomainEvent event) {
        if (event instanceof ClusterEvent.MemberJoined e) {
            return line(e.member(), "joined");
        } else if (event instanceof ClusterEvent.MemberWeaklyUp e) {
            return line(e.member(), "weakly up");
        } else if (event instanceof ClusterEvent.MemberUp e) {
            return line(e.member(), "up");
        } else if (event instanceof ClusterEvent.MemberLeft e) {
            return line(e.member(), "leaving");
        } else if (event instanceof ClusterEvent.MemberExited e) {
            return line(e.member(), "exited");
        } else if (event instanceof ClusterEvent.MemberDowned e) {
            return line(e.member(), "downed");
        } else if (event instanceof ClusterEvent.MemberRemoved e) {
            return line(e.member(), "removed (was " + e.previousStatus().toString().toLowerCase() + ")");
        } else if (event instanceof ClusterEvent.UnreachableMember e) {
            return line(e.member(), "unreachable");
        } else if (event instanceof ClusterEvent.ReachableMember e) {
            return line(e.member(), "reachable again");
        }
        return Optional.empty();
    }

    private static Optional<String> line(Member member, String what) {
        return Optional.of("member " + member.address() + " " + what);
    }
}
