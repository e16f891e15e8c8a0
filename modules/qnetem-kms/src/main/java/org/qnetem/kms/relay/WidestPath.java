package org.qnetem.kms.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Relay path choice by available key: the widest path (the one whose scarcest hop holds the most key)
 * over a directed graph whose edge u → v weighs the bits u can still send to v; among the widest, the
 * one with fewest hops, and among those the first by KME ids, so that every KME with the same view
 * chooses the same path.
 */
public final class WidestPath {

    /** A hop of a relay: from one KME to the next. */
    public record Edge(String from, String to) {
    }

    /** A path from its origin to its destination and the bits its scarcest hop holds. */
    public record Route(List<String> path, long bottleneckBits) {
        public Route {
            path = List.copyOf(path);
        }
    }

    private WidestPath() {
    }

    /**
     * The widest path from {@code from} to {@code to} over {@code edges} (u → v → bits; only usable hops),
     * leaving out {@code excluded} hops; empty when {@code to} cannot be reached.
     */
    public static Optional<Route> find(Map<String, Map<String, Long>> edges, String from, String to,
                                       Set<Edge> excluded) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a route needs two different KMEs, got " + from + " twice");
        }
        long widest = widestBottleneck(edges, from, to, excluded);
        if (widest < 0) {
            return Optional.empty();
        }
        return fewestHops(edges, from, to, excluded, widest).map(path -> new Route(path, widest));
    }

    /** Dijkstra on max-min: the largest bottleneck of any path, or -1 when there is none. */
    private static long widestBottleneck(Map<String, Map<String, Long>> edges, String from, String to,
                                         Set<Edge> excluded) {
        Map<String, Long> best = new HashMap<>();
        PriorityQueue<Map.Entry<String, Long>> queue = new PriorityQueue<>(
                (x, y) -> Long.compare(y.getValue(), x.getValue()));
        best.put(from, Long.MAX_VALUE);
        queue.add(Map.entry(from, Long.MAX_VALUE));
        while (!queue.isEmpty()) {
            Map.Entry<String, Long> head = queue.poll();
            String u = head.getKey();
            if (head.getValue() < best.get(u)) {
                continue;
            }
            if (u.equals(to)) {
                return head.getValue();
            }
            for (Map.Entry<String, Long> e : edges.getOrDefault(u, Map.of()).entrySet()) {
                if (excluded.contains(new Edge(u, e.getKey()))) {
                    continue;
                }
                long width = Math.min(head.getValue(), e.getValue());
                if (width > best.getOrDefault(e.getKey(), -1L)) {
                    best.put(e.getKey(), width);
                    queue.add(Map.entry(e.getKey(), width));
                }
            }
        }
        return -1;
    }

    /** Breadth-first over hops at least {@code width} wide, neighbours in id order. */
    private static Optional<List<String>> fewestHops(Map<String, Map<String, Long>> edges, String from, String to,
                                                     Set<Edge> excluded, long width) {
        Map<String, String> parent = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        parent.put(from, from);
        queue.add(from);
        while (!queue.isEmpty()) {
            String u = queue.poll();
            if (u.equals(to)) {
                List<String> path = new ArrayList<>();
                for (String at = to; !at.equals(from); at = parent.get(at)) {
                    path.add(at);
                }
                path.add(from);
                Collections.reverse(path);
                return Optional.of(path);
            }
            for (Map.Entry<String, Long> e : new TreeMap<>(edges.getOrDefault(u, Map.of())).entrySet()) {
                String v = e.getKey();
                if (e.getValue() >= width && !parent.containsKey(v) && !excluded.contains(new Edge(u, v))) {
                    parent.put(v, u);
                    queue.add(v);
                }
            }
        }
        return Optional.empty();
    }
}
