package org.qnetem.runtime.fault;

import java.util.Arrays;

/** What a link actor observed beyond its counts: its events, and Eve's share of each delivered block. */
public record LinkObservations(Event[] events, BlockTruth[] truths) {

    public static final LinkObservations NONE = new LinkObservations(new Event[0], new BlockTruth[0]);

    public LinkObservations {
        events = events.clone();
        truths = truths.clone();
    }

    @Override
    public Event[] events() {
        return events.clone();
    }

    @Override
    public BlockTruth[] truths() {
        return truths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkObservations l && Arrays.equals(events, l.events) && Arrays.equals(truths, l.truths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(events) + Arrays.hashCode(truths);
    }
}
