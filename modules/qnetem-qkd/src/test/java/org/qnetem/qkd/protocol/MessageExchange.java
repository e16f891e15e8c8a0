package org.qnetem.qkd.protocol;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The classical channel between a link's two protocol engines, in memory: one FIFO queue each way,
 * optionally altered on the way, and the block outcomes each end reported. End a is the one that
 * authenticates A_TO_B (the reference end), end b the other.
 */
final class MessageExchange {

    /** How an engine takes a message from the other end. */
    @FunctionalInterface
    interface End {
        Outbox onFrame(SealedMessage sealed, long nowPs);
    }

    final Map<Long, BlockOutcome> outcomesA = new LinkedHashMap<>();
    final Map<Long, BlockOutcome> outcomesB = new LinkedHashMap<>();
    private final End a;
    private final End b;
    private final ArrayDeque<SealedMessage> toA = new ArrayDeque<>();
    private final ArrayDeque<SealedMessage> toB = new ArrayDeque<>();
    private UnaryOperator<SealedMessage> aToB = UnaryOperator.identity();
    private UnaryOperator<SealedMessage> bToA = UnaryOperator.identity();

    MessageExchange(End a, End b) {
        this.a = a;
        this.b = b;
    }

    void alterAToB(UnaryOperator<SealedMessage> alteration) {
        aToB = alteration;
    }

    void alterBToA(UnaryOperator<SealedMessage> alteration) {
        bToA = alteration;
    }

    /** What end a produced outside {@link #pump}, e.g. on its own detections. */
    void fromA(Outbox out) {
        enqueue(out, toB, outcomesA);
    }

    void fromB(Outbox out) {
        enqueue(out, toA, outcomesB);
    }

    /** Delivers messages, alternating directions, until both queues are empty. */
    void pump(long time) {
        while (!toA.isEmpty() || !toB.isEmpty()) {
            if (!toA.isEmpty()) {
                fromA(a.onFrame(bToA.apply(toA.poll()), time));
            }
            if (!toB.isEmpty()) {
                fromB(b.onFrame(aToB.apply(toB.poll()), time));
            }
        }
    }

    private static void enqueue(Outbox out, ArrayDeque<SealedMessage> queue, Map<Long, BlockOutcome> outcomes) {
        queue.addAll(out.messages());
        for (BlockOutcome outcome : out.outcomes()) {
            if (outcomes.putIfAbsent(outcome.blockId(), outcome) != null) {
                throw new AssertionError("block " + outcome.blockId() + " ended twice at one end");
            }
        }
    }

    static List<KeyBlock> keyBlocks(Map<Long, BlockOutcome> outcomes) {
        return outcomes.values().stream().filter(KeyBlock.class::isInstance).map(KeyBlock.class::cast).toList();
    }
}
