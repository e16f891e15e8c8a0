package org.qnetem.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.runtime.clock.ClockSummary;
import org.qnetem.runtime.link.KeyStatistics;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * {@code GET /api/links}: each link's statistics so far. Key blocks still in flight are not counted yet; the
 * secret key rate is over the emulated time the clock has completed so far (null before the first epoch).
 */
public record LinksView(double emulatedSeconds, List<Link> links) {

    public record Link(String id, String a, String b, long pulses, long detections, long siftedBits, Double qber,
                       long blocks, long abortedBlocks, long secretBits, long deliveredBits,
                       Double secretKeyRateBps) {
    }

    public static LinksView of(Topology topology, ClockSummary clock, List<LinkStatistics> statistics) {
        double seconds = clock.emulatedSeconds();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < statistics.size(); i++) {
            LinkSpec spec = topology.links().get(i);
            LinkStatistics measured = statistics.get(i);
            KeyStatistics keys = measured.keys();
            links.add(new Link(spec.id(), spec.transmitterId(), spec.receiverId(), measured.pulses(),
                    measured.detections(), measured.siftedBits(),
                    measured.siftedBits() == 0 ? null : measured.qber(), keys.blocks(), keys.abortedBlocks(),
                    keys.secretBits(), keys.deliveredBits(), seconds > 0 ? keys.secretBits() / seconds : null));
        }
        return new LinksView(seconds, links);
    }
}
